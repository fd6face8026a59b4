"""The load benchmark of generated services (make bench); see bench/run.py."""
