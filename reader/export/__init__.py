"""Export annotations (native JSON, W3C Web Annotation, ClaimReview, Markdown)
and import native JSON exports. No textual import here."""

from reader.export.atomic import TargetExists, WriteError, write_atomic
from reader.export.core import (
    DEFAULT_FORMAT,
    FORMATS,
    ExportResult,
    default_filename,
    export_annotations,
)
from reader.export.gather import ExportError
from reader.export.importer import (
    ImportPlan,
    ImportReport,
    import_annotations,
    parse_export,
    plan_import,
    read_export,
)
from reader.export.validate import ImportFormatError

__all__ = [
    "DEFAULT_FORMAT",
    "FORMATS",
    "ExportError",
    "ExportResult",
    "ImportFormatError",
    "ImportPlan",
    "ImportReport",
    "TargetExists",
    "WriteError",
    "default_filename",
    "export_annotations",
    "import_annotations",
    "parse_export",
    "plan_import",
    "read_export",
    "write_atomic",
]
