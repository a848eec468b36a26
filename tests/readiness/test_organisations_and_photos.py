"""The register of responsible organisations, and photos that must be real, small images."""

from __future__ import annotations

import io
import random

import pytest
from django.core.exceptions import PermissionDenied
from PIL import Image

from shora.readiness.errors import ReadinessRefusal
from shora.readiness.models import Photo
from shora.readiness.services import organisation_change, organisation_register, photo_store
from shora.readiness.services.photos import photo_path
from shora_domain.errors import DomainError

from .conftest import png_bytes

pytestmark = pytest.mark.django_db


def refused(code, call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    assert caught.value.code == code, caught.value.en
    return caught.value


def register(geo, actor=None, county=None, **changes):
    fields = {
        "kind": "power",
        "name": "توزیع برق اهواز",
        "contact_person": "مهدی چنانی",
        "phone": "061-3333 4455",
    }
    return organisation_register(
        actor=actor, province=geo.province, county=county, **{**fields, **changes}
    )


def test_an_organisation_is_registered_with_clean_name_and_phone(geo, clock):
    organisation = register(geo, name="توزيع برق اهواز", phone="۰۶۱-۳۳۳۳ ۴۴۵۵")
    assert (organisation.name, organisation.phone) == ("توزیع برق اهواز", "06133334455")
    refused(ReadinessRefusal.ORGANISATION_EXISTS, register, geo=geo)  # same name, province
    same_name_in_county = register(geo, county=geo.county_a)
    assert same_name_in_county.county == geo.county_a


@pytest.mark.parametrize("phone", ["", "123", "abcdefghij", "0613333445566778", "+44 20 7946"])
def test_bad_phones_are_refused(geo, clock, phone):
    refused(ReadinessRefusal.BAD_PHONE, register, geo=geo, phone=phone)


def test_bad_kinds_and_empty_names_are_refused(geo, clock):
    refused(ReadinessRefusal.BAD_ORGANISATION, register, geo=geo, kind="bank")
    refused(ReadinessRefusal.NAME_REQUIRED, register, geo=geo, name=" \u200c ")
    refused(ReadinessRefusal.NAME_REQUIRED, register, geo=geo, contact_person="")


def test_a_county_keeps_its_own_register_and_the_hq_the_whole(geo, clock, make_user):
    county = make_user("county")
    own = register(geo, actor=county, county=geo.county_a)
    with pytest.raises(PermissionDenied):
        register(geo, actor=county, county=geo.county_b, name="برق آبادان")
    with pytest.raises(PermissionDenied):
        register(geo, actor=county, county=None, name="برق استان")
    for role in ("supervisor", "district", "station", "trainer"):
        with pytest.raises(PermissionDenied):
            register(geo, actor=make_user(role), county=geo.county_a, name=f"برق {role}")
    hq = make_user("province_hq")
    register(geo, actor=hq, county=geo.county_b, name="برق آبادان")
    changed = organisation_change(
        actor=county,
        organisation=own,
        kind="power",
        name=own.name,
        contact_person="سعید کعبی",
        phone="09161112233",
    )
    assert changed.contact_person == "سعید کعبی"


def test_a_real_photo_is_stored_once_by_its_hash(clock, media):
    data = png_bytes(40, 30)
    photo = photo_store(actor=None, upload=io.BytesIO(data), name="ramp.png")
    assert (photo.image_format, photo.width, photo.height, photo.size) == ("PNG", 40, 30, len(data))
    assert photo_path(photo).read_bytes() == data
    assert photo_store(actor=None, upload=data) == photo
    assert Photo.objects.count() == 1
    jpeg = io.BytesIO()
    Image.new("RGB", (10, 10), "red").save(jpeg, "JPEG")
    assert photo_store(actor=None, upload=jpeg.getvalue()).image_format == "JPEG"


@pytest.mark.parametrize(
    "data",
    [
        b"This is a text file renamed to photo.png\n",
        b"",
        png_bytes()[:40],  # truncated
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",  # not an accepted format
    ],
)
def test_what_is_not_a_photo_is_refused(clock, media, data):
    error = refused(
        ReadinessRefusal.NOT_AN_IMAGE, photo_store, actor=None, upload=data, name="photo.png"
    )
    assert "photo.png" in error.fa and "JPEG" in error.en
    assert not Photo.objects.exists()


def test_a_huge_photo_is_refused_without_reading_it_all(clock, media, settings):
    settings.SHORA_READINESS_PHOTO_MAX_BYTES = 1024

    class Endless(io.RawIOBase):
        read_sizes: list[int] = []

        def read(self, size=-1):
            self.read_sizes.append(size)
            return b"\x89PNG" + b"\0" * (size - 4)

    error = refused(
        ReadinessRefusal.IMAGE_TOO_LARGE, photo_store, actor=None, upload=Endless(), name="big.jpg"
    )
    assert Endless.read_sizes == [1025]
    assert "big.jpg" in error.en
    big = png_bytes(600, 600, "white")
    assert len(big) < 1024 or refused(
        ReadinessRefusal.IMAGE_TOO_LARGE, photo_store, actor=None, upload=big
    )


def test_the_default_cap_is_five_megabytes(clock, media):
    noise = Image.frombytes("RGB", (1400, 1400), random.Random(6).randbytes(1400 * 1400 * 3))
    stream = io.BytesIO()
    noise.save(stream, "PNG")
    assert stream.tell() > 5 * 1024 * 1024
    refused(ReadinessRefusal.IMAGE_TOO_LARGE, photo_store, actor=None, upload=stream.getvalue())


def test_a_decompression_bomb_is_refused(clock, media):
    stream = io.BytesIO()
    Image.new("1", (9000, 9000)).save(stream, "PNG")  # small file, 81 million pixels
    assert stream.tell() < 100_000
    refused(ReadinessRefusal.NOT_AN_IMAGE, photo_store, actor=None, upload=stream.getvalue())
