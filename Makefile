# Developer shortcuts; each target is a thin wrapper so CI and humans run the same commands.
.PHONY: run test lint bench dist clean

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

lint:
	.venv/bin/ruff check simulator tests benchmarks

bench:
	.venv/bin/python benchmarks/bench_core.py

dist:
	.venv/bin/pyinstaller --noconfirm build.spec

clean:
	rm -rf build dist .pytest_cache
