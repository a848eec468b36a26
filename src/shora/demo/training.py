"""The demo's training: programmes and question banks, seven weeks of sessions in three
counties, attendance and test attempts that improve over the weeks.

The story, all through the training services, dated from 23 Esfand 1404 to the week before
polling day:

* programmes for station chairs (two modules), secretaries, station members and executive
  board members; two sessions and every module's test make a certificate (the demo has no
  drill requirement: drills are run on the drill election, see docs/drills.md);
* a weekly Saturday session in Ahvaz (its rosters and executive board, from the boards
  demo), Karun and Hoveyzeh (a chair, a secretary and a member at their first stations);
* Ahvaz is diligent, Karun middling, Hoveyzeh lags: people come more often and answer better
  as the weeks pass, fail and retake, and one Hoveyzeh attempt is sent after its time;
  so the readiness chart climbs, faster in Ahvaz than in Hoveyzeh.

Everything is drawn from a generator seeded from the demo's SEED, so it is the same every
time (the personal training codes are random, as in life).
"""

from __future__ import annotations

import contextlib
import datetime
import random
from dataclasses import dataclass

from shora.accounts.models import User
from shora.boards.models import Person
from shora.boards.services import person_register, staff_post_appoint
from shora.demo.khuzestan import SEED
from shora.elections.models import County, Election, PollingStation
from shora.registers.bench.extract import MEN, ROOTS, SUFFIXES, WOMEN, generated_codes
from shora.training.models import Module, Question, Session, TestAttempt
from shora.training.selectors.people import invited_people, posts_of
from shora.training.services.attempts import attempt_start, attempt_submit
from shora.training.services.programmes import (
    module_create,
    programme_create,
    question_create,
    trainee_of,
)
from shora.training.services.sessions import attendance_record, series_create
from shora_domain.errors import DomainError
from shora_domain.jalali import TEHRAN

#: National codes apart from the voters', the candidates' and the boards demo's.
CODE_SEED = 820_000
FIRST_SESSION = datetime.date(2026, 3, 14)  # a Saturday, 23 Esfand 1404
#: How readily each county's people come and learn.
DILIGENCE = {"Ahvaz": 0.9, "Karun": 0.7, "Hoveyzeh": 0.3}
NEW_STATIONS = 3

# (text, choices, right choices' indices, explanation)
_Q = tuple[str, tuple[str, ...], tuple[int, ...], str]
OPENING: tuple[_Q, ...] = (
    (
        "پیش از آغاز رأی‌گیری، صندوق رأی باید چگونه باشد؟",
        ("خالی، در حضور ناظران، و سپس بسته و مهرشده", "پر از برگه‌های نمونه", "باز تا پایان روز"),
        (0,),
        "صندوق خالی در حضور ناظران نشان داده و سپس بسته می‌شود.",
    ),
    (
        "گزارش صفر (صورت‌جلسهٔ آغاز) را چه کسی امضا می‌کند؟",
        ("رئیس شعبه", "یکی از رأی‌دهندگان", "نمایندهٔ یک داوطلب"),
        (0,),
        "رئیس شعبه صورت‌جلسهٔ آغاز را امضا می‌کند و دستگاه آن را ثبت می‌کند.",
    ),
    (
        "کدام موارد پیش از گشایش شعبه لازم است؟",
        ("حضور اعضای شعبه", "وصل بودن دستگاه احراز هویت", "اعلام نتیجهٔ شعبهٔ دیگر"),
        (0, 1),
        "حضور اعضا و آمادگی دستگاه‌ها لازم است؛ نتیجهٔ شعبهٔ دیگر ربطی ندارد.",
    ),
    (
        "اگر پیوند شبکه قطع شود، شعبه چه می‌کند؟",
        (
            "طبق سیاست برون‌خط انتخابات عمل می‌کند و هیچ رأیی گم نمی‌شود",
            "شعبه را می‌بندد",
            "برگه‌ها را به خانه می‌برد",
        ),
        (0,),
        "شعبه رأی‌ها را نزد خود نگه می‌دارد و پس از وصل شدن می‌فرستد.",
    ),
    (
        "ساعت رسمی آغاز رأی‌گیری را چه کسی تعیین می‌کند؟",
        ("ستاد انتخابات استان در تنظیمات انتخابات", "رئیس هر شعبه", "رأی‌دهندگان"),
        (0,),
        "ساعت‌ها در تنظیمات انتخابات ثبت شده و تمدید تنها با تأیید هیئت نظارت است.",
    ),
)
VOTING: tuple[_Q, ...] = (
    (
        "رأی‌دهنده‌ای که پیش‌تر رأی داده است دوباره می‌آید. چه باید کرد؟",
        (
            "رأی‌دادن او پذیرفته نمی‌شود و موضوع ثبت می‌شود",
            "برگهٔ دوم به او داده می‌شود",
            "رأی نخست او پاک می‌شود",
        ),
        (0,),
        "هر کس تنها یک بار رأی می‌دهد؛ سامانه مرکزی رأی دوم را نمی‌پذیرد.",
    ),
    (
        "برگهٔ رأی باطل‌شده (خراب‌شده) چه می‌شود؟",
        (
            "باطل و ثبت می‌شود و برگهٔ تازه داده می‌شود",
            "در صندوق انداخته می‌شود",
            "دور انداخته می‌شود بی‌آنکه ثبت شود",
        ),
        (0,),
        "برگهٔ خراب‌شده باطل و در صورت‌جلسه شمرده می‌شود.",
    ),
    (
        "کدام‌ها برای احراز هویت رأی‌دهنده لازم است؟",
        ("کارت ملی", "نتیجهٔ دستگاه اثر انگشت", "شمارهٔ تلفن همراه"),
        (0, 1),
        "کارت ملی و اثر انگشت؛ شمارهٔ تلفن لازم نیست.",
    ),
    (
        "رسید رأی به رأی‌دهنده چه می‌گوید؟",
        (
            "که رأی او ثبت شده است، بی‌آنکه نشان دهد به چه کسی رأی داده",
            "نام نامزد انتخابی‌اش",
            "شمارهٔ ملی او",
        ),
        (0,),
        "رسید نشان می‌دهد رأی ثبت شده و در تابلوی اعلانات دیده می‌شود؛ رأی مخفی می‌ماند.",
    ),
    (
        "آیا اعضای شعبه می‌توانند ببینند رأی‌دهنده به چه کسی رأی داد؟",
        ("خیر", "بله، اگر بخواهند", "تنها رئیس شعبه"),
        (0,),
        "رأی مخفی است؛ هیچ چیز رأی‌دهنده را به برگه‌اش پیوند نمی‌دهد.",
    ),
)
CLOSING: tuple[_Q, ...] = (
    (
        "پس از پایان رأی‌گیری، نخستین کار چیست؟",
        (
            "بستن شعبه در سامانه و باطل کردن برگه‌های صادرشدهٔ استفاده‌نشده",
            "اعلام برنده",
            "بازکردن رأی‌های رمزشده",
        ),
        (0,),
        "شعبه بسته و شمارش‌ها امضا می‌شود؛ رأی‌ها تنها در مرکز و با کلید آستانه‌ای باز می‌شوند.",
    ),
    (
        "صورت‌جلسهٔ پایانی شعبه چه چیزهایی را می‌شمارد؟",
        ("شمار مشارکت‌ها", "شمار رأی‌ها", "نام رأی‌دهندگان هر نامزد"),
        (0, 1),
        "مشارکت‌ها، رأی‌ها و برگه‌های باطل شمرده می‌شوند؛ نام رأی‌دهندگان هرگز.",
    ),
    (
        "نتیجهٔ شعبه چگونه به مرکز می‌رسد؟",
        (
            "امضاشده و از راه سامانه، و اگر پیوند قطع است پس از وصل شدن",
            "با تلفن",
            "با پیامک رئیس شعبه",
        ),
        (0,),
        "شمارش‌ها امضا و ارسال می‌شوند و مرکز امضا را وارسی می‌کند.",
    ),
    (
        "منشی شعبه چه وظیفه‌ای دارد؟",
        ("ثبت صورت‌جلسه‌ها و رویدادهای شعبه", "شمارش آرا در خانه", "تأیید صلاحیت داوطلبان"),
        (0,),
        "منشی صورت‌جلسه‌ها و رویدادهای روز را ثبت می‌کند.",
    ),
)
BOARD: tuple[_Q, ...] = (
    ("هیئت اجرایی شهرستان را چه کسی ریاست می‌کند؟",
     ("فرماندار", "رئیس هیئت نظارت", "مسن‌ترین معتمد"), (0,),
     "فرماندار رئیس هیئت اجرایی شهرستان است."),
    ("معتمدان هیئت اجرایی از میان چه کسانی برگزیده می‌شوند؟",
     ("نامزدهایی که هیئت نظارت صلاحیتشان را تأیید کرده", "هر داوطلبی", "کارکنان شعب"),
     (0,), "تنها نامزدهای تأییدشده به عنوان معتمد یا علی‌البدل برگزیده می‌شوند."),
    ("کدام‌ها از وظایف هیئت اجرایی است؟",
     ("بررسی صلاحیت داوطلبان", "گماردن کارکنان شعب", "اعلام نتیجه پیش از بستن شعب"),
     (0, 1), "اعلام نتیجه پیش از بسته شدن همهٔ شعب ممکن نیست."),
    ("نتیجهٔ حوزه را چه کسانی تأیید می‌کنند؟",
     ("هیئت اجرایی شهرستان و سپس هیئت نظارت", "تنها ستاد استان", "رئیس شعبه"),
     (0,), "هیئت اجرایی تأیید و هیئت نظارت آن را تأیید نهایی می‌کند."),
)  # fmt: skip

PROGRAMMES = (
    ("station_chair", "آموزش رؤسای شعب", (("گشایش شعبه", OPENING), ("رأی‌دادن", VOTING))),
    ("secretary", "آموزش منشی‌ها", (("صورت‌جلسه‌ها و بستن شعبه", CLOSING),)),
    ("station_member", "آموزش اعضای شعب", (("رأی‌دادن", VOTING),)),
    ("board_member", "آموزش اعضای هیئت اجرایی", (("وظایف هیئت اجرایی", BOARD),)),
)


@dataclass(frozen=True)
class TrainingDemoSummary:
    programmes: int
    sessions: int
    attendances: int
    attempts: int


def _programmes(election: Election, actor: User | None) -> list[Module]:
    modules = []
    for role, title, module_specs in PROGRAMMES:
        programme = programme_create(
            actor=actor,
            election=election,
            role=role,
            title=title,
            questions_per_test=4,
            time_limit_minutes=15,
            pass_percent=75,
            max_attempts=3,
            sessions_required=2,
            drills_required=0,
        )
        for module_title, questions in module_specs:
            module = module_create(actor=actor, programme=programme, title=module_title)
            for text, choices, right, explanation in questions:
                question_create(
                    actor=actor,
                    module=module,
                    text=text,
                    choices=[(choice, index in right) for index, choice in enumerate(choices)],
                    multiple=len(right) > 1,
                    explanation=explanation,
                )
            modules.append(module)
    return modules


def _new_staff(election: Election, county: County, rng: random.Random, codes: object) -> None:
    """A chair, a secretary and a member at the county's first stations (no roster yet)."""
    stations = PollingStation.objects.filter(election=election, district__county=county)
    for station in stations.order_by("code")[:NEW_STATIONS]:
        for role in ("station_chair", "secretary", "station_member"):
            woman = rng.random() < 0.4
            person = person_register(
                actor=None,
                election=election,
                national_code=next(codes),  # type: ignore[call-overload]
                first_name=rng.choice(WOMEN if woman else MEN),
                last_name=rng.choice(ROOTS) + rng.choice(SUFFIXES),
                gender="female" if woman else "male",
                county=county,
            )
            staff_post_appoint(actor=None, station=station, person=person, role=role)


def _answers(attempt: TestAttempt, skill: float, rng: random.Random) -> dict[str, list[int]]:
    answers = {}
    for question in Question.objects.filter(pk__in=attempt.question_ids).prefetch_related(
        "choices"
    ):
        choices = list(question.choices.all())
        right = [c.pk for c in choices if c.correct]
        wrong = [c.pk for c in choices if not c.correct]
        if rng.random() < skill or not wrong:
            answers[str(question.pk)] = right
        else:
            answers[str(question.pk)] = [rng.choice(wrong)]
    return answers


def _moment(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TEHRAN)


def _take_test(
    person: Person,
    module: Module,
    day: datetime.date,
    skill: float,
    rng: random.Random,
    *,
    late: bool = False,
) -> int:
    start = _moment(day, 19, rng.randrange(60))
    try:
        attempt = attempt_start(person=person, module=module, at=start)
    except DomainError:
        return 0  # passed already, or no attempt left
    minutes = 40 if late else 6 + rng.randrange(8)
    with contextlib.suppress(DomainError):  # the late one: refused, closed as failed
        attempt_submit(
            attempt=attempt,
            answers=_answers(attempt, skill, rng),
            at=start + datetime.timedelta(minutes=minutes),
        )
    return 1


def _county_weeks(
    election: Election, county: County, modules: list[Module], rng: random.Random
) -> tuple[int, int, int]:
    """The county's weekly series, its attendance and its people's tests, week by week."""
    diligence = DILIGENCE[county.name_en]
    trainer = User.objects.filter(role="trainer", county=county).first()
    series = series_create(
        actor=trainer,
        election=election,
        county=county,
        trainer=trainer,
        title=f"جلسهٔ هفتگی آموزش {county.name}",
        place=f"سالن اجتماعات فرمانداری {county.name}",
        capacity=40,
        roles=["station_chair", "secretary", "station_member", "board_member"],
        weekday=FIRST_SESSION.weekday(),
        starts_at=datetime.time(9, 30),
        first_date=FIRST_SESSION,
        modules=modules,
    )
    people = invited_people(series)
    posts = posts_of(election, [person.pk for person in people])
    attended: dict[int, int] = {}
    done: set[tuple[int, int]] = set()
    attendances = attempts = 0
    sessions = list(Session.objects.filter(series=series).order_by("date"))
    for week, session in enumerate(sessions[:-1]):  # the last week is polling week
        progress = week / max(1, len(sessions) - 2)
        for person in people:
            if rng.random() < diligence * (0.45 + 0.55 * progress):
                attendance_record(
                    actor=trainer, session=session, person=person, at=_moment(session.date, 10)
                )
                attended[person.pk] = attended.get(person.pk, 0) + 1
                attendances += 1
            if not attended.get(person.pk):
                continue
            skill = min(0.97, 0.35 + 0.15 * attended[person.pk] * (0.5 + diligence))
            held = {post.role for post in posts.get(person.pk, [])}
            for module in modules:
                if (person.pk, module.pk) in done:  # passed, or out of attempts: not asked
                    continue
                if module.programme.role in held and rng.random() < 0.5 + 0.4 * diligence:
                    # Hoveyzeh's first test is sent after its time (a slow link, say).
                    late = county.name_en == "Hoveyzeh" and attempts == 0
                    attempts += _take_test(person, module, session.date, skill, rng, late=late)
                    taken = TestAttempt.objects.filter(person=person, module=module)
                    if taken.filter(passed=True).exists() or taken.count() >= 3:
                        done.add((person.pk, module.pk))
    return len(sessions), attendances, attempts


def demo_training_build(election: Election) -> TrainingDemoSummary:
    """Build the training story in ``election`` (see the module notes)."""
    rng = random.Random(SEED * 17 + 7)  # noqa: S311 - made-up, meant to be reproducible
    hq = User.objects.filter(role="province_hq").first()
    modules = _programmes(election, hq)
    codes = generated_codes(1_000, seed=CODE_SEED)
    totals = [0, 0, 0]
    for name_en in DILIGENCE:
        county = County.objects.filter(province=election.province, name_en=name_en).first()
        if (
            county is None
            or not PollingStation.objects.filter(
                election=election, district__county=county
            ).exists()
        ):
            continue
        if name_en != "Ahvaz":  # Ahvaz's rosters come from the boards demo
            _new_staff(election, county, rng, codes)
        for index, value in enumerate(_county_weeks(election, county, modules, rng)):
            totals[index] += value
    for person in Person.objects.filter(pk__in=list(posts_of(election))):
        trainee_of(person)
    return TrainingDemoSummary(len(PROGRAMMES), *totals)
