"""The ranking engine: who fits which need, and which CSR offer fits which need, each score with
its breakdown and a one-line reason.

profiles (what ranking knows of a talent and a need) → pairwise (the reference scorer, one pair
at a time) and vectorised (the same numbers over a talent_matrix with numpy), both built from
weights, fairness and breakdown, told in words by explanation; offers ranks CSR offers and needs.
Import the module you need: this package imports nothing, so the light modules stay light.
"""
