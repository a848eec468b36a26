"""The full demo: near Khuzestan's shape, in full detail for the seed's eight counties."""

from __future__ import annotations

import pytest
from django.db.models import Count

from shora.demo.build import demo_build
from shora.elections.models import Constituency, District, Election, PollingStation

pytestmark = pytest.mark.django_db

SEED_DISTRICTS = {
    "Ahvaz": {"مرکزی", "اسماعیلیه"},
    "Abadan": {"مرکزی", "اروندکنار"},
    "Khorramshahr": {"مرکزی", "مینو"},
    "Bavi": {"مرکزی", "ویس"},
    "Shadegan": {"مرکزی", "خنافره", "دارخوین"},
    "Karun": {"مرکزی", "سویسه"},
    "Hamidiyeh": {"مرکزی", "غیزانیه"},
    "Hoveyzeh": {"مرکزی", "نیسان"},
}


def test_the_full_demo_builds_near_khuzestans_shape() -> None:
    # Its build time is no assertion here (a loaded CI machine would make it flaky): the
    # time of a quiet machine is kept in docs/benchmarks.md.
    summary = demo_build()

    assert summary.counties == 30
    assert 500 <= summary.stations <= 1_000
    assert summary.cities >= 40 and summary.villages >= 300
    real = Election.objects.get(is_drill=False)
    assert real.phase == "registration"
    for county, districts in SEED_DISTRICTS.items():
        names = set(District.objects.filter(county__name_en=county).values_list("name",
                                                                                 flat=True))
        assert names == districts, county
        for district in District.objects.filter(county__name_en=county):
            councils = Constituency.objects.filter(election=real, district=district)
            assert councils.filter(kind="city").exists(), (county, district.name)
            assert councils.filter(kind="village").count() >= 10, (county, district.name)
    cities = dict(
        Constituency.objects.filter(election=real, kind="city").values_list("name_en",
                                                                            "members")
    )
    assert cities["Ahvaz"] == 13 and cities["Abadan"] == 9 and cities["Khorramshahr"] == 7
    assert cities["Dezful"] == 9 and cities["Hoveyzeh"] == 5
    for name in ("Mollasani", "Veys", "Darkhovin", "Kut-e Abdollah", "Rafi", "Minushahr"):
        assert name in cities
    assert not PollingStation.objects.annotate(n=Count("constituencies")).filter(n=0).exists()
    assert not Constituency.objects.annotate(n=Count("stations")).filter(n=0).exists()
    ahvaz_city = PollingStation.objects.filter(election=real, constituencies__name_en="Ahvaz")
    assert ahvaz_city.count() > 150
    assert ahvaz_city.filter(connectivity="fibre").count() > ahvaz_city.count() / 2
