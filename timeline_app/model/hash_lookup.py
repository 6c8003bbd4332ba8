"""A map from 64-bit hashes to 64-bit values held in numpy arrays: 16 bytes an entry, where a
Python dict of a million ints takes about 100 bytes each. An import that writes as it reads
remembers each event and quote it wrote this way, so its memory grows little with the file.

Entries are kept as sorted runs; a new batch is one more run, and runs of similar size are
merged (as a log-structured merge tree does), so adding n entries costs O(n log n) in all
and a look-up one binary search per run (a few dozen runs at most)."""

from __future__ import annotations

import numpy as np


class HashLookup:
    def __init__(self) -> None:
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []  # (sorted keys, values)

    def __len__(self) -> int:
        return sum(keys.size for keys, _values in self._runs)

    def get(self, keys: np.ndarray) -> np.ndarray:
        """The value of each key, or -1 where the key was never added."""
        found = np.full(keys.size, -1, dtype=np.int64)
        for run_keys, run_values in self._runs:
            at = np.searchsorted(run_keys, keys)
            at[at == run_keys.size] = 0
            hit = run_keys[at] == keys
            found[hit] = run_values[at[hit]]
        return found

    def add(self, keys: np.ndarray, values: np.ndarray) -> None:
        """Add keys not present yet (the caller looked them up first), each once."""
        if not keys.size:
            return
        order = np.argsort(keys, kind="stable")
        self._runs.append((keys[order], np.asarray(values, dtype=np.int64)[order]))
        while len(self._runs) > 1 and self._runs[-2][0].size <= 2 * self._runs[-1][0].size:
            (a_keys, a_values), (b_keys, b_values) = self._runs[-2], self._runs.pop()
            merged_keys = np.concatenate((a_keys, b_keys))
            order = np.argsort(merged_keys, kind="stable")
            self._runs[-1] = (merged_keys[order], np.concatenate((a_values, b_values))[order])
