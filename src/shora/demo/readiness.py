"""The demo's readiness checklist: inspections of Khuzestan's stations in the weeks before
polling day, and what became of what they found.

The story, all through the readiness services, dated between late Esfand 1404 and the eve
of polling day (11 Ordibehesht 1405):

* the standard checklist, and the organisations answerable for it: the province's
  telecom, power, IT, education and police offices, and county offices in the seed's
  counties;
* every station of the seed's eight counties inspected once, the other counties still at
  it (a tenth to half of their stations not yet inspected); Hoveyzeh and Shadegan have
  fibre problems (links down, little bandwidth), Abadan and
  Khorramshahr power problems (unstable mains, weak UPSes, the cooling before the summer
  load), everywhere else a few odd failures;
* most of what was found fixed and verified by a second inspector; Shadegan is quick,
  Hoveyzeh's telecom slow, so some items are still open, overdue, on polling day;
* Ahvaz and Shadegan submit their checklists and the HQ acknowledges them; Hoveyzeh's is
  returned with a comment; Abadan's awaits review; a daily digest a week before the day.

Everything is drawn from generators seeded from the demo's SEED, so it is the same every
time. The dates make the trend chart of open blocking deficiencies tell that story.
"""

from __future__ import annotations

import datetime
import io
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw

from shora.accounts.models import User
from shora.demo.khuzestan import SEED
from shora.elections.models import County, Election, PollingStation
from shora.readiness.models import Deficiency, Photo, TemplateVersion
from shora.readiness.services import (
    ItemAnswer,
    county_checklist_acknowledge,
    county_checklist_return,
    county_checklist_submit,
    deficiency_mark_fixed,
    deficiency_start,
    deficiency_verify,
    digest_record,
    inspection_record,
    organisation_register,
    photo_store,
    template_create_default,
)
from shora_domain.jalali import TEHRAN

#: Inspections run over these two weeks (24 Esfand 1404 – 9 Farvardin 1405).
FIRST_INSPECTION = datetime.date(2026, 3, 15)
INSPECTION_DAYS = 15
#: The day before polling day: the last day anything is done.
LAST_DAY = datetime.date(2026, 4, 30)

INSPECTORS = (
    "زهرا موسوی",
    "حمید چنانی",
    "مرتضی سیاحی",
    "فرشته باوی",
    "کاظم عبیات",
    "لیلا نیسی",
    "ناصر حیدری",
    "سمیرا کعبی",
    "یوسف عساکره",
    "رقیه دشتی",
    "جواد منصوری",
    "منصور زرگانی",
)


@dataclass(frozen=True)
class CountyProfile:
    """How often the items fail in a county, and how well what fails gets fixed."""

    failures: dict[str, float]
    base_rate: float
    fixed_share: float
    fix_days: tuple[int, int]


_FIBRE = {
    "primary_link": 0.42,
    "link_bandwidth": 0.35,
    "backup_link": 0.3,
    "centre_reachable": 0.12,
}
_POWER = {
    "mains_power": 0.35,
    "ups_minutes": 0.4,
    "ups_present": 0.14,
    "cooling": 0.32,
    "generator": 0.3,
}
PROFILES = {
    "Hoveyzeh": CountyProfile(_FIBRE, 0.02, 0.45, (12, 30)),
    "Shadegan": CountyProfile(_FIBRE, 0.02, 0.9, (5, 18)),
    "Abadan": CountyProfile(_POWER, 0.02, 0.75, (6, 24)),
    "Khorramshahr": CountyProfile(_POWER, 0.02, 0.6, (8, 28)),
}
ORDINARY = CountyProfile({}, 0.015, 0.85, (4, 20))
#: The seed's eight counties inspected every station; the others were still at it, each
#: with a share of its stations not yet inspected (drawn between these bounds).
SEED_COUNTIES = {
    "Ahvaz",
    "Abadan",
    "Khorramshahr",
    "Bavi",
    "Shadegan",
    "Karun",
    "Hamidiyeh",
    "Hoveyzeh",
}
NOT_YET_INSPECTED = (0.1, 0.5)
#: Measured values of failed measured items.
LOW_VALUES = {
    "link_bandwidth": ("۲", "۳", "۴٫۵", "۶", "۸"),
    "ups_minutes": ("۱۵", "۲۵", "۳۰", "۴۵"),
}

ORGANISATIONS = (
    ("telecom", "شرکت مخابرات استان خوزستان", "مهندس رضا عباسی", "06133330000"),
    ("power", "شرکت توزیع نیروی برق استان خوزستان", "مهندس مهدی چنانی", "06133340000"),
    ("governorate_it", "ادارهٔ فناوری اطلاعات استانداری خوزستان", "سمیه موسوی", "06133350000"),
    ("education", "ادارهٔ کل آموزش و پرورش خوزستان", "زهرا کریمی", "06133360000"),
    ("police", "فرماندهی انتظامی استان خوزستان", "سرهنگ محمد احمدی", "06133370000"),
    ("municipality", "دفتر امور شهری و شوراهای استانداری", "علی نظری", "06133380000"),
)
COUNTY_ORGANISATIONS = {
    "Hoveyzeh": (("telecom", "مخابرات شهرستان هویزه", "عادل سواری", "06137820000"),),
    "Shadegan": (("telecom", "مخابرات شهرستان شادگان", "جاسم عبیداوی", "06152820000"),),
    "Abadan": (("power", "ادارهٔ برق شهرستان آبادان", "سعید بهبهانی", "06153220000"),),
    "Khorramshahr": (("power", "ادارهٔ برق شهرستان خرمشهر", "حسن مکی", "06153520000"),),
    "Ahvaz": (("telecom", "مخابرات منطقهٔ اهواز", "ناصر حیدری", "06132220000"),),
}


@dataclass(frozen=True)
class ReadinessDemoSummary:
    inspections: int
    deficiencies: int
    verified: int
    submissions: int


def _moment(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=TEHRAN)


def _demo_photo(colour: str, label: str) -> bytes:
    """A small picture standing for a photo taken on the spot."""
    image = Image.new("RGB", (320, 240), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 150, 280, 200), fill="#8d8d8d")
    draw.polygon(((40, 200), (280, 200), (280, 150)), fill="#b0b0b0")
    draw.text((12, 12), label, fill="white")
    stream = io.BytesIO()
    image.save(stream, "PNG")
    return stream.getvalue()


def _answers(
    version: TemplateVersion,
    failing: set[str],
    rng: random.Random,
    photos: dict[str, Photo],
) -> list[ItemAnswer]:
    answers = []
    for item in version.items.all():
        fails = item.code in failing
        if item.check_kind == "measured":
            assert item.threshold is not None
            value = (
                rng.choice(LOW_VALUES[item.code])
                if fails
                else str(int(item.threshold) + rng.randint(2, 90))
            )
            answers.append(ItemAnswer(item.pk, value=value))
        elif item.check_kind == "photo":
            answers.append(ItemAnswer(item.pk, passed=not fails, photo=photos[item.code]))
        else:
            answers.append(ItemAnswer(item.pk, passed=not fails))
    return answers


def _failures(profile: CountyProfile, codes: list[str], rng: random.Random) -> set[str]:
    return {code for code in codes if rng.random() < profile.failures.get(code, profile.base_rate)}


def _follow_up(
    deficiency: Deficiency, profile: CountyProfile, rng: random.Random, photos: dict[str, Photo]
) -> bool:
    """Work, fix and verification of one deficiency; True when it ends verified."""
    found = deficiency.found_by.inspected_on
    fixer = f"کارشناس {deficiency.organisation.name if deficiency.organisation else 'فرمانداری'}"
    if rng.random() < 0.4:
        start = min(found + datetime.timedelta(days=rng.randint(1, 4)), LAST_DAY)
        deficiency_start(
            actor=None, deficiency=deficiency, at=_moment(start, 9), note="کار رفع آغاز شد"
        )
    if rng.random() > profile.fixed_share:
        return False  # still open or in progress on polling day
    fixed = min(found + datetime.timedelta(days=rng.randint(*profile.fix_days)), LAST_DAY)
    deficiency_mark_fixed(
        actor=None, deficiency=deficiency, fixed_by_name=fixer, at=_moment(fixed, 13), note="رفع شد"
    )
    if rng.random() < 0.12:
        return False  # fixed, still awaiting its re-inspection
    verified = min(fixed + datetime.timedelta(days=rng.randint(1, 5)), LAST_DAY)
    value = None
    if deficiency.item.check_kind == "measured":
        assert deficiency.item.threshold is not None
        value = str(int(deficiency.item.threshold) + rng.randint(5, 40))
    deficiency_verify(
        actor=None,
        deficiency=deficiency,
        passed=True,
        value=value,
        inspector_name=rng.choice(INSPECTORS),
        at=_moment(verified, 16),
        photo=photos.get(deficiency.item_code),
    )
    return True


def _photos() -> dict[str, Photo]:
    return {
        "lighting": photo_store(
            actor=None, upload=_demo_photo("#e9d8a6", "lighting"), name="lighting.png"
        ),
        "wheelchair_ramp": photo_store(
            actor=None, upload=_demo_photo("#94a3b8", "ramp"), name="ramp.png"
        ),
    }


def _organisations(election: Election, counties: dict[str, County]) -> None:
    for kind, name, person, phone in ORGANISATIONS:
        organisation_register(
            actor=None,
            province=election.province,
            county=None,
            kind=kind,
            name=name,
            contact_person=person,
            phone=phone,
        )
    for county_name, entries in COUNTY_ORGANISATIONS.items():
        if county_name not in counties:
            continue
        for kind, name, person, phone in entries:
            organisation_register(
                actor=None,
                province=election.province,
                county=counties[county_name],
                kind=kind,
                name=name,
                contact_person=person,
                phone=phone,
            )


def _submissions(election: Election, counties: dict[str, County]) -> int:
    hq = User.objects.filter(username="hq").first()
    made = 0
    for name, submitted, fate in (
        ("Shadegan", datetime.date(2026, 4, 14), "acknowledge"),
        ("Hoveyzeh", datetime.date(2026, 4, 16), "return"),
        ("Ahvaz", datetime.date(2026, 4, 20), "acknowledge"),
        ("Abadan", datetime.date(2026, 4, 27), "pending"),
    ):
        county = counties.get(name)
        if county is None or not election.stations.filter(district__county=county).exists():
            continue
        actor = User.objects.filter(role="county", county=county).first()
        submission = county_checklist_submit(
            actor=actor,
            election=election,
            county=county,
            at=_moment(submitted, 11),
            note="چک‌لیست زیرساخت شعب شهرستان برای اقدام ستاد استان فرستاده می‌شود.",
        )
        made += 1
        reviewed = _moment(submitted + datetime.timedelta(days=2), 12)
        if fate == "acknowledge":
            county_checklist_acknowledge(
                actor=hq,
                submission=submission,
                at=reviewed,
                comment="دریافت شد؛ پیگیری موارد باز ادامه یابد.",
            )
        elif fate == "return":
            county_checklist_return(
                actor=hq,
                submission=submission,
                at=reviewed,
                comment="پیوند فیبر چند شعبه هنوز برقرار نیست؛ برنامهٔ زمان‌بندی مخابرات "
                "و نام مسئول هر مورد را پیوست و دوباره ارسال کنید.",
            )
    return made


def demo_readiness_build(election: Election) -> ReadinessDemoSummary:
    """Build the readiness story of ``election`` (see the module notes)."""
    template = template_create_default(actor=None, election=election)
    version = template.versions.prefetch_related("items").get()
    codes = [item.code for item in version.items.all()]
    counties = {c.name_en: c for c in County.objects.filter(province=election.province)}
    _organisations(election, counties)
    photos = _photos()
    stations = (
        PollingStation.objects.filter(election=election)
        .select_related("district__county", "election")
        .order_by("code")
    )
    rng = random.Random(SEED * 7 + 6)  # noqa: S311 - made-up demo data, meant to be reproducible
    inspections = deficiencies = verified = 0
    behind = {
        name: rng.uniform(*NOT_YET_INSPECTED)
        for name in sorted(counties)
        if name not in SEED_COUNTIES
    }
    for station in stations:
        county_name = station.district.county.name_en
        if rng.random() < behind.get(county_name, 0.0):
            continue
        profile = PROFILES.get(county_name, ORDINARY)
        day = FIRST_INSPECTION + datetime.timedelta(days=rng.randrange(INSPECTION_DAYS))
        outcome = inspection_record(
            actor=None,
            station=station,
            version=version,
            inspected_on=day,
            answers=_answers(version, _failures(profile, codes, rng), rng, photos),
            inspector_name=rng.choice(INSPECTORS),
            at=_moment(day, rng.randint(9, 14)),
        )
        inspections += 1
        for deficiency in outcome.opened:
            deficiencies += 1
            verified += _follow_up(deficiency, profile, rng, photos)
    submissions = _submissions(election, counties)
    digest_record(actor=None, election=election, on=datetime.date(2026, 4, 24))
    return ReadinessDemoSummary(inspections, deficiencies, verified, submissions)
