# Developer shortcuts; each target is a thin wrapper so CI and humans run the same commands.
.PHONY: run test lint bench bench-gui bench-matching dist clean

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

lint:
	.venv/bin/ruff check simulator tests benchmarks

bench:
	.venv/bin/python benchmarks/bench_core.py

# Start-up against a bare PySide6 window, and click -> next node (BENCH_INSTRUCTIONS=1 adds callgrind counts).
bench-gui:
	.venv/bin/python benchmarks/bench_gui.py

# Typed-reply matching: accuracy on the paraphrase sets, match latency, model load time.
bench-matching:
	.venv/bin/python benchmarks/bench_matching.py

dist:
	.venv/bin/pyinstaller --noconfirm build.spec

clean:
	rm -rf build dist .pytest_cache
