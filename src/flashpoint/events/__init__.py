"""The event record shared by observed and simulated events."""
from flashpoint.events.record import RECORD_FIELDS, empty_record
from flashpoint.events.codes import cameo_codebook, describe_cameo

__all__ = ["RECORD_FIELDS", "empty_record", "cameo_codebook", "describe_cameo"]
