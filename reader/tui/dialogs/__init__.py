"""Modal dialogs, built from plain data and dismissed with plain data."""

from reader.tui.dialogs.annotation import AnnotationDialog
from reader.tui.dialogs.confirm import ConfirmDialog
from reader.tui.dialogs.export import ExportDialog, ExportRequest, default_export_path
from reader.tui.dialogs.fields import DEFAULT_LABELS

__all__ = [
    "DEFAULT_LABELS",
    "AnnotationDialog",
    "ConfirmDialog",
    "ExportDialog",
    "ExportRequest",
    "default_export_path",
]
