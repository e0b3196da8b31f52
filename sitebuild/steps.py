"""The two steps around any build of the site: `prepare` before it, `finish` after it."""

import os

from . import vendor
from .config import DEFAULT_CONFIG, custom_dir, docs_dir, load, offline_copy, publish_source_maps
from .content_error import ContentError
from .csp import secure_site
from .service_worker import SERVICE_WORKER, write_service_worker
from .takeaway import build_takeaway
from .unsafe_html import check_pages, require_safe_pages


def remove_source_maps(site_dir):
    """Delete every `*.map` file under site_dir. Returns their paths relative to site_dir. The scripts keep
    their `sourceMappingURL` comment: only a browser's developer tools follow it."""
    removed = []
    for root, _, files in os.walk(site_dir):
        for name in files:
            if name.endswith(".map"):
                os.remove(os.path.join(root, name))
                removed.append(os.path.relpath(os.path.join(root, name), site_dir))
    return sorted(removed)


def prepare(docs_dir):
    """Refuse pages that carry script (sitebuild/unsafe_html.py), then copy the site's own third-party
    browser files (Workbox, iframe-worker) into docs_dir. Returns the paths copied. The quiz's runtime is not
    among them: the quiz plugin publishes it from its package."""
    require_safe_pages(docs_dir)
    return vendor.prepare(docs_dir)


def finish(site_dir, config_file=DEFAULT_CONFIG, service_worker=True):
    """Lock down every page, write the take-away copy mkdocs.yml (config_file) asks for, remove the source
    maps it does not ask for, then (last, as it hashes every file) the service worker. Returns a one-line
    summary. Content mistakes found on the way are raised together, as one ContentError."""
    config = load(config_file)
    copy = offline_copy(config)
    # Again here, for a build whose steps skipped `prepare`: the policy is the second wall, not the only one.
    mistakes = check_pages(docs_dir(config))
    try:
        pages = secure_site(site_dir, skip=(copy.file_name,) if copy else (), custom_dir=custom_dir(config))
    except ContentError as error:
        mistakes += error.lines
    if copy is None:
        takeaway = "no take-away copy (%s asks for none)" % os.path.basename(config_file)
    else:
        # A build of other content with the site's config (a benchmark's) lacks the copy's pages.
        missing = [source for source, page, _ in copy.pages if not os.path.isfile(os.path.join(site_dir, page))]
        if missing:
            takeaway = "no take-away copy (not built: %s)" % ", ".join(missing)
        else:
            try:
                build_takeaway(site_dir, copy)
            except ContentError as error:
                mistakes += error.lines
            takeaway = copy.file_name
    if mistakes:
        raise ContentError(mistakes)
    summary = "%d pages with a Content-Security-Policy, %s" % (len(pages), takeaway)
    if not publish_source_maps(config):
        summary += ", %d source maps removed" % len(remove_source_maps(site_dir))
    if service_worker:
        entries = write_service_worker(site_dir, config_file)
        summary += ", %s precaching %d files" % (SERVICE_WORKER, len(entries))
    else:
        stale = os.path.join(site_dir, SERVICE_WORKER)
        if os.path.exists(stale):
            os.remove(stale)
    return summary
