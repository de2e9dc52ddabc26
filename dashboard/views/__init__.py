"""The views, without Dash: what each reads from its address and what it computes.

Each view module declares a :class:`~dashboard.views.base.View`: its query keys, its defaults
for a dataset, the checks of a state (with notices), and a pure ``process(dataset, state)``
returning what its figures need. ``dashboard/pages/`` lays the views out and wires their
callbacks: state → process → render (in the request's language) → named outputs.
"""
