"""Performance benchmark of the dashboard: ``python -m benchmarks`` (``--quick``, ``--scale 10``).

Modules are named after what they measure: ``loading`` (tidy tables), ``callbacks`` (every
server-side callback through Dash's request path), ``baselines`` (the bare pandas work behind
each callback, and flow lines as few traces versus one trace per edge), ``transfer`` (bytes of a
first and a repeat visit), ``browser`` (time to the first drawn map in headless Chromium) and
``synthetic`` (10× / 100× tables that follow the real distribution; never written to ``data/``).
"""
