"""For readers on the web (HTML builders only): feeds, faceted browsing, head
and meta tags, accessibility mends, the Downloads page, and the archive's
own scripts and styles."""

from __future__ import annotations

from sphinx.application import Sphinx

from ..views import registry
from . import (a11y, address, assets, citation_meta, downloads, facets, feed_content, feeds,
               html_head, month_page, navigation_cache, sidebar, site_pages, subscribe)


def setup_web(app: Sphinx) -> None:
    registry.register(facets.VIEW_KIND, downloads.VIEW_KIND)
    app.add_directive("summary-facets", facets.SummaryFacets)
    address.setup_address(app)
    downloads.setup_downloads(app)
    month_page.setup_month_page(app)
    subscribe.setup_subscribe(app)
    sidebar.setup_sidebar(app)
    navigation_cache.setup_navigation_cache(app)
    assets.register(app)
    site_pages.setup_site_pages(app)
    app.connect("html-page-context", citation_meta.add_meta_tags)
    app.connect("build-finished", feeds.write_feeds)
    app.connect("build-finished", facets.write_index)
    app.connect("html-page-context", feed_content.keep_content)
    app.connect("html-page-context", html_head.describe_page, priority=html_head.PRIORITY)
    app.connect("html-page-context", a11y.mend_page, priority=600)  # after the theme's
