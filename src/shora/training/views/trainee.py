"""The trainee's own pages, opened by their personal code: their tests and nobody else's.

No account is needed: the twelve-digit code is the key, as printed on the invitation. A
wrong code is a 404, the same as a code that never existed; wrong codes are counted per
client address, and past SHORA_TRAINEE_WRONG_CODES in SHORA_TRAINEE_WRONG_CODE_MINUTES the
address is refused (429) for every code, right or wrong, until the window passes.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from shora.registers.lookup_limits import Limit, client_address, lookup_count, lookup_count_add
from shora.training.models import Module, Question, TestAttempt, Trainee
from shora.training.selectors.schedule import trainee_modules
from shora.training.services.attempts import attempt_start, attempt_submit
from shora.web.language import reader_language
from shora_domain.digits import to_latin_digits
from shora_domain.errors import DomainError


def wrong_code_limit() -> Limit:
    return Limit(
        "trainee",
        int(getattr(settings, "SHORA_TRAINEE_WRONG_CODES", 20)),
        datetime.timedelta(minutes=int(getattr(settings, "SHORA_TRAINEE_WRONG_CODE_MINUTES", 60))),
    )


def by_personal_code(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Resolve the URL's ``code`` to the trainee and call ``view(request, trainee, ...)``;
    an unknown code is a 404 and counts against the address (its own bucket)."""

    @functools.wraps(view)
    def resolved(request: HttpRequest, code: str, **kwargs: Any) -> HttpResponse:
        limit = wrong_code_limit()
        bucket = f"trainee:{client_address(request)}"
        if lookup_count(bucket=bucket, limit=limit) >= limit.allowed:
            minutes = int(limit.window.total_seconds() // 60)
            return render(
                request, "training/too_many_codes.html", {"retry_minutes": minutes}, status=429
            )
        trainee = (
            Trainee.objects.select_related("person__election")
            .filter(code=to_latin_digits(code.strip()))
            .first()
        )
        if trainee is None:
            lookup_count_add(bucket=bucket, limit=limit)
            raise Http404
        return view(request, trainee, **kwargs)

    return resolved


def _attempt_of(trainee: Trainee, attempt_id: int) -> TestAttempt:
    # Another person's attempt is "not found", never shown.
    return get_object_or_404(
        TestAttempt.objects.select_related("module__programme"),
        pk=attempt_id,
        person=trainee.person,
    )


@by_personal_code
def trainee_home(request: HttpRequest, trainee: Trainee) -> HttpResponse:
    return render(
        request,
        "training/trainee.html",
        {"trainee": trainee, "person": trainee.person, "rows": trainee_modules(trainee.person)},
    )


@require_POST
@by_personal_code
def trainee_start(request: HttpRequest, trainee: Trainee, module_id: int) -> HttpResponse:
    module = get_object_or_404(
        Module.objects.select_related("programme__election"),
        pk=module_id,
        programme__election_id=trainee.person.election_id,
    )
    try:
        attempt = attempt_start(person=trainee.person, module=module)
    except DomainError as refusal:
        messages.error(request, refusal.message(reader_language()))
        return redirect("training:trainee", trainee.code)
    return redirect("training:attempt", trainee.code, attempt.pk)


def _questions(attempt: TestAttempt) -> list[dict[str, Any]]:
    rows = {
        q.pk: q
        for q in Question.objects.filter(pk__in=attempt.question_ids).prefetch_related("choices")
    }
    picked = {int(k): set(v) for k, v in attempt.answers.items()}
    shown = []
    for pk in attempt.question_ids:
        question = rows.get(pk)
        if question is None:
            continue
        chosen = picked.get(pk, set())
        right = {c.pk for c in question.choices.all() if c.correct}
        shown.append(
            {
                "question": question,
                "choices": [(c, c.pk in chosen) for c in question.choices.all()],
                "right": bool(chosen) and chosen == right,
            }
        )
    return shown


@by_personal_code
def attempt_page(request: HttpRequest, trainee: Trainee, attempt_id: int) -> HttpResponse:
    """The open attempt's form; once submitted, the answers, the right ones and why."""
    attempt = _attempt_of(trainee, attempt_id)
    if request.method == "POST":
        if not attempt.is_open:
            raise Http404
        answers = {
            key.removeprefix("q"): request.POST.getlist(key)
            for key in request.POST
            if key.startswith("q")
        }
        try:
            attempt = attempt_submit(attempt=attempt, answers=answers)
        except DomainError as refusal:
            messages.error(request, refusal.message(reader_language()))
        return redirect("training:attempt", trainee.code, attempt.pk)
    return render(
        request,
        "training/attempt.html",
        {
            "trainee": trainee,
            "person": trainee.person,
            "attempt": attempt,
            "questions": _questions(attempt),
        },
    )
