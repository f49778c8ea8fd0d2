"""The product's URLs plus `/_ceiling/`: a bare view rendering a 20-row template, and
`/_floor/`, each page's data read with nothing rendered (bench/site_floor.py).

The ceiling is what this server, with this middleware, can do for a page that needs no
database: each measured page is reported as a share of it with the page cache off. With
the page cache on, the reference is `/_bare/`, a view returning a fixed `HttpResponse`.
"""

from datetime import datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from bench.site_floor import floor
from newsroom.urls import urlpatterns as product_urlpatterns

ROWS = [
    {
        "title": f"Berita nomor {n} dari redaksi daerah",
        "url": f"/contoh/2026/01/{n + 1:02d}/berita-{n}/",
        "published_at": datetime(2026, 1, n + 1, 8, 30),
        "summary": "Ringkasan singkat berita untuk kartu daftar halaman.",
    }
    for n in range(20)
]


def ceiling(request):
    return render(request, "bench/ceiling.html", {"rows": ROWS})


def bare(request):
    return HttpResponse("<!doctype html><title>Bare</title><p>Berita terbaru</p>")


urlpatterns = [
    path("_ceiling/", ceiling),
    path("_bare/", bare),
    path("_floor/", floor),
    *product_urlpatterns,
]
