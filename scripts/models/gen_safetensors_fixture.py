#!/usr/bin/env python3
"""Tests/SafeTensorsTests/Fixtures/reference.safetensors: a file written by the safetensors library itself
(safetensors.torch.save_file), for the reader's tests: 'a' F32 [2, 3] = 0.5 * arange(6) - 1, 'b' F64 [2] = [1.5, -2],
'c' F32 [0] (empty), metadata {"format": "pt", "note": "é\\n"}. Also checks that the library reads a file
written by SafeTensorsFile.encode (pass its path as the first argument).

Run from the repository root:  python3 scripts/models/gen_safetensors_fixture.py [file-written-by-trajviz]
"""
import pathlib
import sys

import torch
from safetensors.torch import load_file, safe_open, save_file

OUT = pathlib.Path(__file__).resolve().parents[2] / "Tests/SafeTensorsTests/Fixtures/reference.safetensors"
save_file({"a": (0.5 * torch.arange(6, dtype=torch.float32) - 1).reshape(2, 3), "b": torch.tensor([1.5, -2.0], dtype=torch.float64),
           "c": torch.zeros(0, dtype=torch.float32)}, OUT, metadata={"format": "pt", "note": "é\n"})
print("wrote", OUT)
if len(sys.argv) > 1:
    with safe_open(sys.argv[1], "pt") as f:
        print("metadata", f.metadata())
    for k, v in load_file(sys.argv[1]).items():
        print(k, v.dtype, tuple(v.shape), v.flatten()[:4].tolist())
