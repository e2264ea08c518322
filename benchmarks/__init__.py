"""candour's benchmarks (`make bench`): each bench_*.py writes results/NAME.json."""
