"""Photos taken as evidence: real images only, under a size cap, stored by content hash.

A photo is read whole (up to the cap and one byte more, so a huge upload is refused
without being read to its end), checked by Pillow (``verify`` catches a truncated or
forged file, a decompression bomb is refused) and must be a JPEG, PNG or WebP. It is
stored once under ``media/readiness/<first two hex digits>/<sha256>.<ext>``; the same
picture uploaded twice is one photo. The file is written before the database row; a
transaction that rolls back leaves an unreferenced file, which is harmless (its name is
its content).
"""

from __future__ import annotations

import hashlib
import io
import os
import warnings
from pathlib import Path
from typing import IO, Any

from django.db import IntegrityError, transaction
from PIL import Image, UnidentifiedImageError

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.readiness import clock
from shora.readiness.errors import ReadinessRefusal, refuse
from shora.readiness.models import Photo
from shora.readiness.services.common import moment
from shora_domain.digits import format_number

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
#: Larger pictures than this (in pixels) are refused as possible decompression bombs.
MAX_PIXELS = 40_000_000


def photo_path(photo: Photo) -> Path:
    return (
        clock.media_root()
        / "readiness"
        / photo.sha256[:2]
        / (f"{photo.sha256}.{FORMATS[photo.image_format]}")
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def _read_capped(upload: IO[bytes] | bytes, cap: int, name: str) -> bytes:
    data = upload if isinstance(upload, bytes) else upload.read(cap + 1)
    if len(data) > cap:
        raise refuse(
            ReadinessRefusal.IMAGE_TOO_LARGE,
            fa=f"عکس «{name}» بزرگ‌تر از {format_number(cap // (1024 * 1024))} مگابایت است.",
            en=f"The photo “{name}” is larger than {_megabytes(cap)} MB.",
        )
    return data


def _not_an_image(name: str) -> Exception:
    return refuse(
        ReadinessRefusal.NOT_AN_IMAGE,
        fa=f"پروندهٔ «{name}» عکس نیست؛ عکس JPEG، PNG یا WebP بارگذاری کنید.",
        en=f"“{name}” is not a photo; upload a JPEG, PNG or WebP image.",
    )


def _inspect_image(data: bytes, name: str) -> tuple[str, int, int]:
    """(format, width, height) of a real image; refused otherwise."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image_format, (width, height) = image.format or "", image.size
                image.verify()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as error:
        raise _not_an_image(name) from error
    if image_format not in FORMATS or width * height > MAX_PIXELS or not width or not height:
        raise _not_an_image(name)
    return image_format, width, height


def _write_once(path: Path, data: bytes) -> None:
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + f".{os.getpid()}.part")
    partial.write_bytes(data)
    os.replace(partial, path)


@transaction.atomic
def photo_store(*, actor: Any, upload: IO[bytes] | bytes, name: str = "photo") -> Photo:
    """Check and store one photo, or refuse it with a message naming the file."""
    data = _read_capped(upload, clock.photo_max_bytes(), name)
    if not data:
        raise _not_an_image(name)
    image_format, width, height = _inspect_image(data, name)
    digest = hashlib.sha256(data).hexdigest()
    existing = Photo.objects.filter(sha256=digest).first()
    if existing is not None:
        return existing
    photo = Photo(
        sha256=digest,
        image_format=image_format,
        width=width,
        height=height,
        size=len(data),
        uploaded_at=moment(None),
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    _write_once(photo_path(photo), data)
    try:
        with transaction.atomic():
            photo.save()
    except IntegrityError:  # the same picture stored at this moment by someone else
        return Photo.objects.get(sha256=digest)
    audit_record(
        actor=actor,
        event_type=AuditEventType.READINESS_PHOTO_STORED,
        target=photo,
        new={"sha256": digest, "format": image_format, "size": len(data)},
    )
    return photo
