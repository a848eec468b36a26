"""The trainee's own pages, opened by their personal code: their tests and nobody else's.

No account is needed: the twelve-digit code is the key, as printed on the invitation. A
wrong code is a 404, the same as a code that never existed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from shora.training.models import Module, Question, TestAttempt, Trainee
from shora.training.selectors.schedule import trainee_modules
from shora.training.services.attempts import attempt_start, attempt_submit
from shora.web.language import reader_language
from shora_domain.digits import to_latin_digits
from shora_domain.errors import DomainError


def _trainee(code: str) -> Trainee:
    return get_object_or_404(
        Trainee.objects.select_related("person__election"), code=to_latin_digits(code)
    )


def _attempt_of(trainee: Trainee, attempt_id: int) -> TestAttempt:
    # Another person's attempt is "not found", never shown.
    return get_object_or_404(
        TestAttempt.objects.select_related("module__programme"),
        pk=attempt_id,
        person=trainee.person,
    )


def trainee_home(request: HttpRequest, code: str) -> HttpResponse:
    trainee = _trainee(code)
    return render(
        request,
        "training/trainee.html",
        {"trainee": trainee, "person": trainee.person, "rows": trainee_modules(trainee.person)},
    )


@require_POST
def trainee_start(request: HttpRequest, code: str, module_id: int) -> HttpResponse:
    trainee = _trainee(code)
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


def attempt_page(request: HttpRequest, code: str, attempt_id: int) -> HttpResponse:
    """The open attempt's form; once submitted, the answers, the right ones and why."""
    trainee = _trainee(code)
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
