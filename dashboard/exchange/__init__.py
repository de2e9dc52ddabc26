"""Data exchange: national teams upload their own counts, check them, keep them private, and
explore and export them beside the public data with small counts suppressed.

The path of an upload, and the API each step offers (no Dash pages here):

1. **Template** (:mod:`~dashboard.exchange.template`): ``template_csv()``,
   ``template_xlsx(text)`` (data, dictionary and countries sheets in ``text``'s language),
   ``dictionary(text)`` (the dictionary's rows, to show as a table), ``template_filename``.
   The columns and the other standards' names they are recognised by (IOM HTCDS, CTDC) are in
   :mod:`~dashboard.exchange.columns`.
2. **Check** (:mod:`~dashboard.exchange.checks`): ``check_bytes(data, filename, *,
   reporting_country=None)`` or ``check_file(path)`` → a
   :class:`~dashboard.exchange.results.CheckResult`, never an exception on bad input:
   ``result.ok``, ``result.problems`` (each a :class:`~dashboard.exchange.problems.Problem`:
   ``row`` as a spreadsheet numbers it, ``column`` as the file names it, ``value``, ``code``,
   ``reason``), ``result.summary``, ``result.rows`` (valid rows, in the template's codes),
   ``result.cells`` (the counts to store), ``result.preview(k)`` (the counts as they would be
   published: what a preview may show). Render any reason in a language with
   ``problems.render(text, reason)``, a problem as one line with ``problems.describe(text,
   problem)``, a whole report with ``report.report_lines(text, result)``.
   ``result.upload(keep_valid_rows=False)`` → an :class:`~dashboard.exchange.results.Upload`
   to store, or :class:`~dashboard.exchange.errors.InvalidUploadError` (a file with errors,
   unless its valid rows are kept explicitly; never a file refused as a whole).
3. **Store** (:mod:`~dashboard.exchange.store`): ``store = Store.open()`` (SQLite in
   ``instance/``, or ``DATABASE_URL``; migrated first). ``workspace, key =
   store.create_workspace()``: put ``key`` in an HttpOnly, SameSite cookie, it is shown once.
   ``workspace = store.workspace(key)`` (:class:`~dashboard.exchange.errors.WorkspaceNotFoundError`
   for an unknown or expired key) is the only access to datasets: ``datasets()``,
   ``dataset(id)``, ``add_dataset(upload, title)``, ``replace_dataset(id, upload)``,
   ``rename_dataset(id, title)``, ``delete_dataset(id)``, ``set_threshold(k)``, ``delete()``;
   reads ``cells(id)`` (exact, server-side only), ``published_cells(id)`` and
   ``as_dataset(id, baseline)``. A dataset id of another workspace raises
   :class:`~dashboard.exchange.errors.DatasetAccessError`, as a missing one does.
   ``store.purge_expired()`` removes datasets past the retention period: call it at start
   and periodically.
4. **Suppression** (:mod:`~dashboard.exchange.suppression`): ``suppress_cells(frame, k)``,
   ``suppressed_totals(frame, by, k)``, ``Rule(k)``: the rule and why it is safe for any set
   of totals, in the module's docstring.
5. **Shapes** (:mod:`~dashboard.exchange.convert`): ``published_cells(cells, k)`` (the one
   base of everything published), ``flow_rows``, ``indicator_rows``, ``to_dataset(cells, k,
   info, baseline)`` → a :class:`~dashboard.dataset.Dataset` with the upload's ``flows`` and
   ``metadata["upload"]``, for :class:`dashboard.registry.Registry` under a ``dataset=`` key.

Every sentence a user reads is a message with named fields (``N_``-marked constants), rendered
through :mod:`dashboard.text`; exceptions carry theirs (``error.reason``).
"""
