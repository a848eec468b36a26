"""The papers a polling station prints (PDF): zero report, closing report, paper record, receipt."""

from shora.station.printing.documents import (
    ClosingReport,
    PaperRecord,
    Receipt,
    ZeroReport,
    closing_report_pdf,
    paper_record_pdf,
    receipt_pdf,
    zero_report_pdf,
)

__all__ = [
    "ClosingReport",
    "PaperRecord",
    "Receipt",
    "ZeroReport",
    "closing_report_pdf",
    "paper_record_pdf",
    "receipt_pdf",
    "zero_report_pdf",
]
