"""The two steps around any build of the site: `prepare` before it, `finish` after it."""

import os

from quiz.assets import prepare as prepare_quiz

from . import vendor
from .csp import secure_site
from .service_worker import SERVICE_WORKER, write_service_worker
from .takeaway import FILE_NAME, build_takeaway


def prepare(docs_dir):
    """Copy every third-party browser file the site serves into docs_dir. Returns the paths copied."""
    return prepare_quiz(docs_dir) + vendor.prepare(docs_dir)


def finish(site_dir, service_worker=True):
    """Lock down every page, write the take-away copy, then (last, as it hashes every file) the service
    worker. Returns a one-line summary."""
    pages = secure_site(site_dir, skip=(FILE_NAME,))
    takeaway = build_takeaway(site_dir)
    summary = "%d pages with a Content-Security-Policy, %s" % (
        len(pages),
        FILE_NAME if takeaway else "no take-away copy",
    )
    if service_worker:
        entries = write_service_worker(site_dir)
        summary += ", %s precaching %d files" % (SERVICE_WORKER, len(entries))
    else:
        stale = os.path.join(site_dir, SERVICE_WORKER)
        if os.path.exists(stale):
            os.remove(stale)
    return summary
