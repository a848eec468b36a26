"""The numbered audit event types, grouped by area (hundreds). Numbers never change meaning."""

from __future__ import annotations

import enum


class AuditEventType(enum.IntEnum):
    # 1xx geography
    PROVINCE_CREATED = 101
    COUNTY_CREATED = 102
    DISTRICT_CREATED = 103
    GEOGRAPHY_IMPORTED = 110
    # 2xx elections
    ELECTION_CREATED = 201
    ELECTION_SETTINGS_CHANGED = 202
    ELECTION_PHASE_ADVANCED = 203
    CONSTITUENCY_CREATED = 210
    CONSTITUENCY_SIZE_OVERRIDDEN = 211
    STATION_CREATED = 220
    STATIONS_IMPORTED = 221
    # 3xx accounts
    USER_CREATED = 301
    USER_SIGNED_IN = 302
    USER_SIGN_IN_FAILED = 303
    USER_LOCKED_OUT = 304
    USER_TWO_FACTOR_ENROLLED = 305
    DEVICE_TOKEN_ISSUED = 310
    DEVICE_TOKEN_REVOKED = 311
