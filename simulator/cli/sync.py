"""``simulator sync``: send the xAPI outbox to the Learning Record Store, and its settings.

A ``StoreError`` or a settings problem becomes one line on stderr and exit 1; bad usage exits 2.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import sys
from collections.abc import Callable
from typing import Any

from simulator.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError, finish, with_store
from simulator.store import Store
from simulator.store.outbox import Outbox
from simulator.xapi import queue
from simulator.xapi.lrs_client import LrsClient
from simulator.xapi.settings import KEYRING_SERVICE, SettingsError, forget_db_password, load, os_keyring, save_actor
from simulator.xapi.settings import save as save_settings
from simulator.xapi.statements import ACTOR_FORMATS
from simulator.xapi.sync import DEFAULT_BATCH, SyncReport, describe_statement, sync


def register(sub: Any) -> None:
    p = sub.add_parser(
        "sync",
        help="send pending xAPI statements to the Learning Record Store (nothing lost, nothing sent twice)",
        description="Send the statements waiting in the outbox to the configured LRS in batches. A statement is "
        "marked sent only when the LRS confirms it; network trouble is retried, then left for the next sync. "
        "The password comes from --ask-password, $SIMULATOR_LRS_PASSWORD, the OS keyring, or (only if you "
        "agreed with --password-in-db) the results database. See docs/xapi.md.",
    )
    conn = p.add_argument_group("connection")
    conn.add_argument("--endpoint", metavar="URL", help="the LRS's xAPI address, e.g. https://lrs.example.com/xAPI")
    conn.add_argument("--user", metavar="NAME", help="LRS user name (the key of a Basic-auth key/secret pair)")
    conn.add_argument("--ask-password", action="store_true", help="prompt for the password (not echoed)")
    conn.add_argument("--save", action="store_true", help="keep the address, user and password for later syncs")
    conn.add_argument(
        "--password-in-db",
        action="store_true",
        help="agree to keep the password in the results database when there is no OS keyring",
    )
    conn.add_argument("--forget-password", action="store_true", help="remove the saved password (keyring and database)")
    actor = p.add_argument_group("how trainees appear in the LRS (saved; applies to statements recorded afterwards)")
    actor.add_argument("--actor", choices=ACTOR_FORMATS, help="account (default) or mbox")
    actor.add_argument("--home-page", metavar="URL", help="the account's homePage (your organisation's address)")
    actor.add_argument("--mbox-domain", metavar="DOMAIN", help="for mbox: employee-id@DOMAIN")
    run = p.add_argument_group("what to send")
    run.add_argument(
        "--batch-size", type=int, default=DEFAULT_BATCH, metavar="N", help=f"statements per request (default {DEFAULT_BATCH})"
    )
    run.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS", help="per request (default 30)")
    run.add_argument(
        "--retries", type=int, default=5, metavar="N", help="retries per request on network errors and 5xx (default 5)"
    )
    run.add_argument("--retry-rejected", action="store_true", help="try again the statements the LRS refused before")
    run.add_argument(
        "--include-history",
        action="store_true",
        help="queue sessions that have no statements yet (recorded before the outbox existed, or merged in)",
    )
    run.add_argument("--status", action="store_true", help="show the outbox and settings; send nothing")
    finish(p, with_store(sync_cmd, SettingsError), db=True)


def sync_cmd(store: Store, args: argparse.Namespace) -> int:
    if not 1 <= args.batch_size <= 1000:
        raise UsageError("--batch-size takes 1 to 1000")
    if args.retries < 0 or args.timeout <= 0:
        raise UsageError("--retries must be 0 or more and --timeout above 0")
    outbox = Outbox(store)
    if args.actor or args.home_page or args.mbox_domain:
        save_actor(store, args.actor, args.home_page, args.mbox_domain)
    if args.retry_rejected:
        print(f"{outbox.release()} refused statement(s) will be tried again", file=sys.stderr)
    if args.include_history:
        added, failed = queue.queue_history(store)
        print(f"{added} statement(s) queued from earlier sessions", file=sys.stderr)
        for problem in failed:
            print(f"simulator: warning: {problem}", file=sys.stderr)
    secrets = os_keyring()
    if args.forget_password:
        _forget(store, secrets)
    if args.status and not args.save:
        return _status(store, outbox, secrets)
    password = getpass.getpass("LRS password: ") if args.ask_password else None
    try:
        config = load(store, endpoint=args.endpoint, username=args.user, password=password, secrets=secrets)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.save:
        where = save_settings(store, config, secrets=secrets, password_in_db=args.password_in_db)
        print(f"LRS settings saved for {config.endpoint} (password: {_where(where)})", file=sys.stderr)
        _warn_if_in_database(where, store.path)
    if args.status:
        return _status(store, outbox, secrets)
    if config.password_from == "none" and config.username:  # noqa: S105 - a source name, not a password
        print("simulator: note: no saved password found; sending without one", file=sys.stderr)
    client = LrsClient(config.endpoint, config.username, config.password, timeout=args.timeout, retries=args.retries)
    report = sync(outbox, client, batch_size=args.batch_size, progress=_progress() if sys.stderr.isatty() else None)
    return _print_report(report, config.endpoint)


def _where(kind: str) -> str:
    return {"keyring": "in the OS keyring", "database": "in the results database, as you agreed", "none": "none given"}.get(
        kind, f"from the {kind}"
    )


def _forget(store: Store, secrets: Any) -> None:
    forget_db_password(store)
    endpoint, user = store.get_setting("xapi.endpoint"), store.get_setting("xapi.username", "")
    if secrets is not None and endpoint:
        with contextlib.suppress(Exception):
            secrets.delete_password(KEYRING_SERVICE, f"{user}@{endpoint}")
    print("saved LRS password removed", file=sys.stderr)


def _status(store: Store, outbox: Outbox, secrets: Any) -> int:
    counts = outbox.counts()
    endpoint = store.get_setting("xapi.endpoint")
    print(f"LRS: {endpoint or 'not set up'}" + (f" as {store.get_setting('xapi.username', '')!r}" if endpoint else ""))
    print(f"actor: {store.get_setting('xapi.actor', 'account')}; keyring: {'available' if secrets else 'not available here'}")
    print(f"statements: {counts['pending']} pending, {counts['sent']} sent, {counts['held']} held")
    for statement_id, kind, problem, text in outbox.held():
        print(f"  held ({kind}) {statement_id} {describe_statement(text)}: {problem}")
    return EXIT_OK


def _progress() -> Callable[[int, int], None]:
    def show(done: int, total: int) -> None:
        print(f"\r{done}/{total} statements sent", end="", file=sys.stderr, flush=True)

    return show


def _print_report(report: SyncReport, endpoint: str) -> int:
    if sys.stderr.isatty() and report.batches:
        print(file=sys.stderr)
    for rejection in report.rejected:
        print(f"simulator: the LRS refused {describe_statement(rejection.statement)}: {rejection.answer}", file=sys.stderr)
        print(f"  statement {rejection.statement_id}: {rejection.statement}", file=sys.stderr)
    if report.rejected:
        print(
            f"simulator: {len(report.rejected)} refused statement(s) are held; fix the cause, then "
            "'simulator sync --retry-rejected'",
            file=sys.stderr,
        )
    if report.unconfirmed:
        print(
            f"simulator: warning: the LRS did not confirm {report.unconfirmed} statement(s); they stay pending", file=sys.stderr
        )
    if report.stopped:
        print(f"simulator: error: {report.stopped}", file=sys.stderr)
        print(
            f"simulator: nothing unconfirmed was marked as sent; {report.pending} statement(s) still pending "
            "for the next 'simulator sync'",
            file=sys.stderr,
        )
    print(
        f"sent {report.sent} statement(s) in {report.batches} request(s) to {endpoint}; "
        f"{report.pending} pending, {report.held} held"
    )
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _warn_if_in_database(where: str, path: str) -> None:
    if where == "database":
        print(
            f"simulator: warning: the LRS password is now in {path} as plain text: anyone who can read or copy that "
            "file, or a backup of it, can read the password. Use an OS keyring where there is one, or "
            "--forget-password and give it each time (--ask-password or $SIMULATOR_LRS_PASSWORD).",
            file=sys.stderr,
        )
