"""gunicorn settings of the Procfile (``gunicorn dashboard.app:server -c gunicorn.conf.py``).

The app is loaded once in the master (``preload_app``) and warmed there before any worker is
forked (:func:`dashboard.serving.warm_up`): every view rendered once, every script compressed.
Each worker starts with that done, so the first visitors of a fresh server do not pay for it
(a cold worker's first map callback takes several times a warm one's; its first visit compressed
every script).
The Procfile sets the workers (``WEB_CONCURRENCY``) and the port (``PORT``).
"""

import os

# Served by gunicorn: production, where the app refuses to start without a SECRET_KEY shared by
# every worker and instance (dashboard/accounts/web.py); DASHBOARD_ENV=development overrides.
os.environ.setdefault("DASHBOARD_ENV", "production")

preload_app = True
timeout = 60
accesslog = "-"


def when_ready(server):
    """After the app is loaded, before the workers are forked."""
    from dashboard.serving import warm_up

    views = warm_up(server.app.wsgi())
    server.log.info("warmed up: %s", ", ".join(views))
