"""Made-up but real-sounding village names and populations, in three regional styles.

Arab-style names of the plain and the south-west (کوت عبدالحمید، ابوحمیظه، ام‌الغزلان),
Lur and Bakhtiari names of the north and east (ده‌سرخ، چم‌بلوط، تنگ‌سیاه) and Persian ones
(حسین‌آباد، چغامیش، قلعه‌رحیم). Every name has an English form. Everything is drawn from a
``random.Random`` the caller seeds, so the same seed gives the same villages.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from shora.demo.khuzestan import VillageStyle

#: A prefix or a suffix: its Persian and English forms, each with its own joiner.
Affix = tuple[str, str]
Word = tuple[str, str]

_ARAB_CLAN_PREFIXES: tuple[Affix, ...] = (
    ("کوت ", "Kut-e "), ("ابو", "Abu "), ("بیت ", "Beyt-e "), ("آلبو ", "Albu "),
    ("سید ", "Seyyed "), ("شیخ ", "Sheykh "), ("حاج ", "Haj "), ("کوت سید ", "Kut-e Seyyed "),
)
_ARAB_NAMES: tuple[Word, ...] = (
    ("عباس", "Abbas"), ("حمید", "Hamid"), ("سلمان", "Salman"), ("صالح", "Saleh"),
    ("خضیر", "Khozeyr"), ("ناصر", "Naser"), ("موسی", "Musa"), ("عطیه", "Atiyeh"),
    ("علوان", "Alvan"), ("دبیس", "Dobeys"), ("جاسم", "Jasem"), ("حمدان", "Hamdan"),
    ("خلف", "Khalaf"), ("عبید", "Obeyd"), ("مطر", "Matar"), ("فاضل", "Fazel"),
    ("حیدر", "Heydar"), ("کریم", "Karim"), ("نعیم", "Naim"), ("جلیل", "Jalil"),
    ("عبدالحمید", "Abdolhamid"), ("شریف", "Sharif"), ("غانم", "Ghanem"), ("سعد", "Sa'd"),
    ("زایر", "Zayer"), ("مهدی", "Mahdi"), ("طاهر", "Taher"), ("منصور", "Mansur"),
    ("حمیظه", "Hamizeh"), ("عفری", "Afri"), ("شاهر", "Shaher"), ("خمیس", "Khamis"),
)
_ARAB_PLACE_PREFIXES: tuple[Affix, ...] = (
    ("ام‌ال", "Om ol-"), ("نهر ", "Nahr-e "), ("جزیره ", "Jazireh-ye "), ("تل ", "Tall-e "),
    ("عین ", "Eyn-e "),
)
_ARAB_PLACE_WORDS: tuple[Word, ...] = (
    ("غزلان", "Ghazlan"), ("طمیر", "Tamir"), ("خیر", "Kheyr"), ("نخل", "Nakhl"),
    ("ساده", "Sadeh"), ("رمل", "Raml"), ("صخر", "Sakhr"), ("طرفه", "Tarfeh"),
    ("حویشه", "Hoveysheh"), ("مالح", "Maleh"), ("سبیل", "Sabil"), ("عکاشه", "Akkasheh"),
)
_ARAB_SINGLE: tuple[Word, ...] = (
    ("سیاحی", "Sayyahi"), ("شلهه", "Shalheh"), ("حمیدان", "Hamidan"), ("صیادیه", "Sayyadiyeh"),
    ("غدیر", "Ghadir"), ("دغاغله", "Daghagheleh"), ("زویه", "Zoveyeh"), ("چنیبه", "Chonaybeh"),
    ("بردیه", "Bardiyeh"), ("سلامات", "Salamat"), ("جلیزی", "Jelizi"), ("منیور", "Monyur"),
    ("شویشه", "Shoveysheh"), ("مزرعه", "Mazraeh"), ("عنافچه", "Anafcheh"), ("صراخیه", "Sarakhiyeh"),
    ("هویشم", "Hoveyshem"), ("خسرجی", "Khasraji"), ("عبودی", "Abudi"), ("سواعد", "Savaed"),
)

_LUR_PREFIXES: tuple[Affix, ...] = (
    ("ده‌", "Deh-e "), ("چم‌", "Cham-e "), ("تنگ‌", "Tang-e "), ("سر", "Sar-e "),
    ("دشت‌", "Dasht-e "), ("باغ‌", "Bagh-e "), ("چشمه‌", "Cheshmeh-ye "), ("قلعه‌", "Qaleh-ye "),
    ("کل‌", "Kal-e "), ("گل‌", "Gol-e "),
)
_LUR_WORDS: tuple[Word, ...] = (
    ("سرخ", "Sorkh"), ("بید", "Bid"), ("انار", "Anar"), ("شاه", "Shah"), ("زرد", "Zard"),
    ("کوه", "Kuh"), ("گپ", "Gap"), ("بلوط", "Balut"), ("چنار", "Chenar"), ("سیاه", "Siah"),
    ("نی", "Ney"), ("ریز", "Riz"), ("پیر", "Pir"), ("دراز", "Deraz"), ("علی", "Ali"),
    ("رحیم", "Rahim"), ("کاظم", "Kazem"), ("مورد", "Murd"), ("کهور", "Kahur"),
    ("گراب", "Gorab"), ("لیره", "Lireh"), ("نمک", "Namak"), ("میر", "Mir"), ("آسیاب", "Asiab"),
)
_LUR_SINGLE: tuple[Word, ...] = (
    ("سوسن", "Susan"), ("کلگه", "Kalgeh"), ("شیوند", "Shivand"), ("منج", "Monj"),
    ("پیون", "Peyvan"), ("چلو", "Chelu"), ("شلال", "Shalal"), ("بارانگرد", "Barangerd"),
    ("آبلشکر", "Ablashkar"), ("صیدون", "Seydun"), ("میداوود", "Meydavud"), ("جانکی", "Janaki"),
)

_PERSIAN_NAMES: tuple[Word, ...] = (
    ("حسین", "Hoseyn"), ("علی", "Ali"), ("کریم", "Karim"), ("شمس", "Shams"), ("محمود", "Mahmud"),
    ("صفی", "Safi"), ("رضا", "Reza"), ("نصیر", "Nasir"), ("جعفر", "Ja'far"), ("قاسم", "Qasem"),
    ("حاجی", "Haji"), ("فتح", "Fath"), ("خیر", "Kheyr"), ("نجف", "Najaf"), ("اکبر", "Akbar"),
    ("سلطان", "Soltan"), ("یوسف", "Yusof"), ("امیر", "Amir"), ("مهدی", "Mahdi"), ("شریف", "Sharif"),
)
_PERSIAN_PREFIXES: tuple[Affix, ...] = (
    ("قلعه‌", "Qaleh-ye "), ("ده‌", "Deh-e "), ("چغا", "Chogha "), ("شهرک ", "Shahrak-e "),
)
_PERSIAN_SINGLE: tuple[Word, ...] = (
    ("چغامیش", "Choghamish"), ("سردشت", "Sardasht"), ("سیاه‌منصور", "Siah Mansur"),
    ("قمشه", "Qomsheh"), ("شمس‌آباد", "Shamsabad"), ("بنه‌وار", "Bonehvar"),
    ("گاومیش‌آباد", "Gavmishabad"), ("عرب‌حسن", "Arab Hasan"), ("ترکالکی", "Torkaleki"),
    ("جلیزی", "Jelizi"), ("کناره", "Kenareh"), ("منصوریه", "Mansuriyeh"),
)


@dataclass(frozen=True)
class VillageSeed:
    name: str
    name_en: str
    population: int


def _arab_name(rng: random.Random) -> Word:
    pick = rng.random()
    if pick < 0.55:
        prefix = rng.choice(_ARAB_CLAN_PREFIXES)
        name = rng.choice(_ARAB_NAMES)
    elif pick < 0.8:
        prefix = rng.choice(_ARAB_PLACE_PREFIXES)
        name = rng.choice(_ARAB_PLACE_WORDS)
    else:
        return rng.choice(_ARAB_SINGLE)
    return prefix[0] + name[0], prefix[1] + name[1]


def _lur_name(rng: random.Random) -> Word:
    if rng.random() < 0.8:
        prefix = rng.choice(_LUR_PREFIXES)
        word = rng.choice(_LUR_WORDS)
        return prefix[0] + word[0], prefix[1] + word[1]
    return rng.choice(_LUR_SINGLE)


def _persian_name(rng: random.Random) -> Word:
    pick = rng.random()
    if pick < 0.45:
        name = rng.choice(_PERSIAN_NAMES)
        return name[0] + "‌آباد", name[1] + "abad"
    if pick < 0.8:
        prefix = rng.choice(_PERSIAN_PREFIXES)
        word = rng.choice(_PERSIAN_NAMES + _LUR_WORDS)
        return prefix[0] + word[0], prefix[1] + word[1]
    return rng.choice(_PERSIAN_SINGLE)


_NAMERS = {"arab": _arab_name, "lur": _lur_name, "persian": _persian_name}


def village_population(rng: random.Random) -> int:
    """About 45% of villages up to 1,500 people (a 3-member council), the rest larger."""
    pick = rng.random()
    if pick < 0.45:
        return rng.randint(140, 1_500)
    if pick < 0.85:
        return rng.randint(1_501, 4_000)
    return rng.randint(4_001, 9_500)


#: A second village of the same name is told apart as Iranian gazetteers do.
_TWIN_SUFFIXES: tuple[Word, ...] = (
    ("علیا", "Olya"), ("سفلی", "Sofla"), ("وسطی", "Vosta"), ("جدید", "Jadid"),
)


def villages_make(
    rng: random.Random, *, style: VillageStyle, count: int, taken: set[str]
) -> list[VillageSeed]:
    """``count`` villages whose names are not in ``taken`` (which receives them)."""
    namer = _NAMERS[style]
    made: list[VillageSeed] = []
    while len(made) < count:
        name, name_en = namer(rng)
        if name in taken and rng.random() < 0.8:
            continue  # mostly a fresh name; now and then a twin, as in real gazetteers
        candidates = [(name, name_en)] + [
            (f"{name} {suffix}", f"{name_en} {suffix_en}") for suffix, suffix_en in _TWIN_SUFFIXES
        ]
        free = [candidate for candidate in candidates if candidate[0] not in taken]
        if not free:
            continue
        name, name_en = free[0]
        taken.add(name)
        made.append(VillageSeed(name, name_en, village_population(rng)))
    return made
