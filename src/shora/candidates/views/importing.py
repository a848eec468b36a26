"""County staff register their candidates from a spreadsheet, all or nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from shora.accounts.access import county_get_for_user
from shora.accounts.models import Role, User
from shora.candidates.forms import CandidatesFileForm
from shora.candidates.imports import CandidatesImportResult, candidates_import
from shora.elections.models import County, Election
from shora.elections.selectors import election_current
from shora.spreadsheets.errors import RowsRefusedError
from shora.web.language import reader_language
from shora.web.views import render_page, signed_in, signed_in_user, unit_crumbs
from shora_domain.digits import format_number
from shora_domain.errors import DomainError

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def _import(
    upload: UploadedFile[bytes], *, user: User, election: Election, county: County
) -> CandidatesImportResult:
    """The upload written to a file of its own kind (.xlsx or .csv), then imported."""
    suffix = Path(upload.name or "").suffix.lower()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{Path(upload.name or 'file').stem[:80]}{suffix}"
        with path.open("wb") as stream:
            for chunk in upload.chunks():
                stream.write(chunk)
        return candidates_import(actor=user, election=election, county=county, path=path)


@signed_in
def import_candidates(request: HttpRequest, county_id: int) -> HttpResponse:
    user = signed_in_user(request)
    county = county_get_for_user(user, county_id)
    if user.role != Role.COUNTY:
        raise PermissionDenied
    election = election_current(county.province_id)
    form = CandidatesFileForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and election is not None and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            form.add_error("file", _("The file is larger than 50 MB."))
        else:
            try:
                result = _import(upload, user=user, election=election, county=county)
            except RowsRefusedError as refused:
                problems = refused.problems
                form.add_error(None, refused.message(reader_language()))
            except DomainError as refusal:
                form.add_error(None, refusal.message(reader_language()))
            else:
                messages.success(
                    request, _("%(n)s candidates were registered.") % {"n": result.registered}
                )
                for row, fa, en in result.warnings:
                    text = en if reader_language() == "en" else fa
                    messages.error(request, _("Warning, row %(row)s: %(text)s") % {
                        "row": format_number(row, reader_language()), "text": text,
                    })  # fmt: skip
                return redirect("candidates:import", county_id=county.pk)
    return render_page(
        request,
        "candidates/import.html",
        election,
        status=400 if form.errors else 200,
        form=form,
        problems=problems,
        county=county,
        crumbs=unit_crumbs(user, county.province, county),
    )
