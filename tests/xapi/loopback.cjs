// Preload (node -r ./loopback.cjs ...): make every TCP server listen on 127.0.0.1 only.
// The LRS calls app.listen(port) with no host, which would bind every interface; tests must
// never expose it. Unix-socket and handle listens are left alone.
'use strict';
const net = require('net');

const original = net.Server.prototype.listen;
const HOST = '127.0.0.1';

net.Server.prototype.listen = function listen(...args) {
  const first = args[0];
  const isPort = typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first));
  if (isPort) {
    const callback = args.find((a) => typeof a === 'function');
    const backlog = typeof args[1] === 'number' ? args[1] : typeof args[2] === 'number' ? args[2] : undefined;
    const options = { port: Number(first), host: HOST };
    if (backlog !== undefined) options.backlog = backlog;
    return callback ? original.call(this, options, callback) : original.call(this, options);
  }
  if (first && typeof first === 'object' && !Array.isArray(first) && first.path === undefined
      && (first.port !== undefined || first.host !== undefined)) {
    args[0] = Object.assign({}, first, { host: HOST });
  }
  if (first === undefined || typeof first === 'function') {
    return original.call(this, { port: 0, host: HOST }, ...args.filter((a) => typeof a === 'function'));
  }
  return original.apply(this, args);
};
