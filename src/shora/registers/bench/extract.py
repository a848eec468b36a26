"""A generated civil-registry extract: deterministic, valid, plausibly Persian.

National codes are a permutation of the nine-digit numbers (so never repeated, in no
particular order, as a real extract's are) with their check digit. Names come from common
Persian first names and from last names built as Iranians build them (a root and a suffix,
often joined by a zero-width non-joiner: حسین‌زاده); one row in twenty is typed with Arabic
ي and ك, as old systems do. Birth dates are Jalali, mostly adults; a few people are under
18 on polling day, a few deceased or barred.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator, Sequence
from pathlib import Path

from shora_domain.national_code import national_code_check_digit

HEADER = (
    "national_code", "first_name", "last_name", "father_name", "birth_date", "gender",
    "constituency_code", "deceased", "barred",
)  # fmt: skip
WOMEN = (
    "فاطمه", "زهرا", "مریم", "معصومه", "زینب", "سکینه", "لیلا", "نرگس", "مهسا", "سمیه",
    "الهام", "رقیه", "طاهره", "آزاده", "پریسا", "شیرین", "کبری", "صدیقه", "نسرین", "هانیه",
    "ریحانه", "فرشته", "عاطفه", "مینا", "سارا", "ملیکا", "یاسمن", "کوثر", "حدیث", "بتول",
)  # fmt: skip
MEN = (
    "محمد", "علی", "حسین", "رضا", "مهدی", "حسن", "عباس", "احمد", "جواد", "مجید",
    "سعید", "حمید", "امیر", "مصطفی", "ابوالفضل", "محمدرضا", "علیرضا", "محمدحسین", "یوسف", "عبدالله",
    "جاسم", "فیصل", "کریم", "ناصر", "عادل", "هادی", "یاسر", "سجاد", "میلاد", "عبدالرضا",
)  # fmt: skip
ROOTS = (
    "حسین", "احمد", "رضا", "کریم", "موسوی", "جعفر", "صادق", "نوروز", "عباس", "قاسم",
    "باقر", "طاهر", "سلیمان", "ابراهیم", "یوسف", "اسماعیل", "نجف", "بهبهان", "دزفول", "شوشتر",
    "کعب", "ساعد", "حیدر", "خسرو", "بختیار", "لر", "عرب", "کاظم", "منصور", "رحیم",
    "زرگر", "آهنگر", "نجار", "کشاورز", "باغبان", "دهقان", "شاه", "میر", "امیر", "سید",
)  # fmt: skip
SUFFIXES = (
    "ی", "\u200cزاده", "\u200cپور", "\u200cنژاد", "یان", "\u200cفر", "\u200cنیا", " زاده",
    "ی\u200cفرد",
)  # fmt: skip
MULTIPLIER = 738_292_117  # coprime to 10**9: i -> i * MULTIPLIER mod 10**9 is a permutation
ARABIC = str.maketrans({"ی": "ي", "ک": "ك"})


def generated_codes(count: int, seed: int = 1405) -> Iterator[str]:
    """``count`` distinct valid national codes in a scrambled order."""
    produced = 0
    index = seed
    while produced < count:
        nine = f"{(index * MULTIPLIER) % 1_000_000_000:09d}"
        index += 1
        code = nine + str(national_code_check_digit(nine))
        if code.count(code[0]) == 10:
            continue
        produced += 1
        yield code


def extract_rows(
    count: int, constituency_codes: Sequence[str], weights: Sequence[int], seed: int = 1405
) -> Iterator[list[str]]:
    """The data rows of an extract of ``count`` people spread over the constituencies."""
    rng = random.Random(seed)  # noqa: S311 - made-up people, not secrets
    last_names = [root + suffix for root in ROOTS for suffix in SUFFIXES]
    cumulative: list[int] = []
    total = 0
    for weight in weights:
        total += weight
        cumulative.append(total)
    for number, code in enumerate(generated_codes(count, seed)):
        woman = number % 2 == 0
        first = rng.choice(WOMEN if woman else MEN)
        last = rng.choice(last_names)
        father = rng.choice(MEN)
        roll = rng.random()
        year = 1387 + rng.randint(0, 2) if roll < 0.03 else 1300 + int(87 * rng.random() ** 0.8)
        birth = f"{year}/{rng.randint(1, 12):02d}/{rng.randint(1, 29):02d}"
        chosen = rng.choices(constituency_codes, cum_weights=cumulative, k=1)[0]
        row = [code, first, last, father, birth, "زن" if woman else "مرد", chosen,
               "1" if roll > 0.995 else "0", "1" if 0.9 < roll < 0.9005 else "0"]  # fmt: skip
        if number % 20 == 7:
            row = [cell.translate(ARABIC) for cell in row]
        yield row


def extract_write(
    path: Path,
    count: int,
    constituency_codes: Sequence[str],
    weights: Sequence[int],
    seed: int = 1405,
) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        writer.writerows(extract_rows(count, constituency_codes, weights, seed))
    return path
