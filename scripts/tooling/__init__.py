"""Tools for people and CI that the build never uses: the benchmark and the model diff."""
