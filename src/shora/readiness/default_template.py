"""The checklist a new election starts with: what a polling station needs on the day.

The 1405 election is the first fully electronic one nationwide: two devices per station
(identity, voting) that work offline, with only the double-voting check online over
fibre, copper or SIM (DOMAIN.md). So the link and its backup, power to keep the devices
running, the devices themselves, the receipt printer and its paper, spares, the building
(a school, mostly, in Khuzestan's spring heat), access for disabled and elderly voters and
security are what a station is checked for. The HQ edits this in a new version.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

DEFAULT_TEMPLATE_NAME = "چک‌لیست زیرساخت شعبهٔ اخذ رأی"


@dataclass(frozen=True)
class ItemSeed:
    code: str
    area: str
    severity: str
    responsible_kind: str
    check_kind: str
    text: str
    text_en: str
    threshold: Decimal | None = None
    comparison: str = ""
    unit: str = ""
    unit_en: str = ""


DEFAULT_ITEMS: tuple[ItemSeed, ...] = (
    ItemSeed(
        "primary_link", "network", "blocking", "telecom", "yes_no",
        "پیوند اصلی شبکهٔ شعبه (فیبر، مسی یا سیم‌کارت) برقرار است",
        "The station's main network link (fibre, copper or SIM) is up",
    ),
    ItemSeed(
        "link_bandwidth", "network", "major", "telecom", "measured",
        "پهنای باند اندازه‌گیری‌شدهٔ پیوند اصلی",
        "Measured bandwidth of the main link",
        Decimal(10), "at_least", "مگابیت بر ثانیه", "Mbit/s",
    ),
    ItemSeed(
        "backup_link", "network", "major", "telecom", "yes_no",
        "پیوند پشتیبان (سیم‌کارت دوم یا ماهواره) آزموده شد",
        "A backup link (second SIM or satellite) was tested",
    ),
    ItemSeed(
        "centre_reachable", "network", "blocking", "governorate_it", "yes_no",
        "استعلام رأی تکراری از مرکز پاسخ می‌دهد",
        "The centre answers the double-voting check",
    ),
    ItemSeed(
        "mains_power", "power", "major", "power", "yes_no",
        "برق شهری شعبه پایدار است",
        "The station's mains power is stable",
    ),
    ItemSeed(
        "ups_present", "power", "blocking", "governorate_it", "yes_no",
        "دستگاه برق اضطراری (UPS) نصب و شارژ است",
        "A UPS is installed and charged",
    ),
    ItemSeed(
        "ups_minutes", "power", "major", "governorate_it", "measured",
        "زمان پشتیبانی UPS با بار کامل دستگاه‌ها",
        "UPS run time with the devices at full load",
        Decimal(60), "at_least", "دقیقه", "minutes",
    ),
    ItemSeed(
        "generator", "power", "minor", "power", "yes_no",
        "مولد برق یا برق اضطراری جایگزین پیش‌بینی شده است",
        "A generator or other backup power is arranged",
    ),
    ItemSeed(
        "identity_device", "identity_device", "blocking", "governorate_it", "yes_no",
        "دستگاه احراز هویت با کارت ملی آزموده شد",
        "The identity device was tested with a national card",
    ),
    ItemSeed(
        "fingerprint_reader", "identity_device", "major", "governorate_it", "yes_no",
        "حسگر اثر انگشت دستگاه احراز هویت کار می‌کند",
        "The identity device's fingerprint reader works",
    ),
    ItemSeed(
        "voting_device", "voting_device", "blocking", "governorate_it", "yes_no",
        "دستگاه رأی‌گیری آزموده شد",
        "The voting device was tested",
    ),
    ItemSeed(
        "receipt_printer", "printer", "major", "governorate_it", "yes_no",
        "چاپگر رسید کار می‌کند و رول کاغذ کافی برای روز اخذ رأی هست",
        "The receipt printer works and there is paper for the day",
    ),
    ItemSeed(
        "paper_backup", "printer", "minor", "governorate_it", "yes_no",
        "برگه‌های پشتیبان کاغذی و صندوق در شعبه موجود است",
        "Paper backup forms and a ballot box are at the station",
    ),
    ItemSeed(
        "spare_device", "spares", "major", "governorate_it", "yes_no",
        "دستگاه یدک در کمتر از یک ساعت به شعبه می‌رسد",
        "A spare device can reach the station within an hour",
    ),
    ItemSeed(
        "building_confirmed", "building", "blocking", "education", "yes_no",
        "ساختمان شعبه برای روز اخذ رأی قطعی شده و کلیددار آن مشخص است",
        "The building is confirmed for polling day and its key holder named",
    ),
    ItemSeed(
        "cooling", "building", "major", "education", "yes_no",
        "سرمایش ساختمان کار می‌کند",
        "The building's cooling works",
    ),
    ItemSeed(
        "lighting", "building", "minor", "education", "photo",
        "روشنایی محل اخذ رأی کافی است (با عکس)",
        "The polling room is well lit (with a photo)",
    ),
    ItemSeed(
        "wheelchair_ramp", "accessibility", "major", "municipality", "photo",
        "ورودی بدون پله یا سطح شیب‌دار برای ویلچر هست (با عکس)",
        "A step-free entrance or ramp for wheelchairs (with a photo)",
    ),
    ItemSeed(
        "ground_floor_booth", "accessibility", "minor", "education", "yes_no",
        "محل اخذ رأی در طبقهٔ همکف است",
        "Voting takes place on the ground floor",
    ),
    ItemSeed(
        "police_presence", "security", "blocking", "police", "yes_no",
        "حضور مأمور انتظامی در روز اخذ رأی هماهنگ شده است",
        "Police presence on polling day is arranged",
    ),
    ItemSeed(
        "secure_storage", "security", "major", "education", "yes_no",
        "اتاق قفل‌دار برای نگهداری دستگاه‌ها در شب پیش از اخذ رأی هست",
        "A lockable room keeps the devices the night before",
    ),
)  # fmt: skip
