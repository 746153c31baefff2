package vn.mailgw.validation.classify;

/** Whether OCR ran for a document. */
public enum OcrStatus { NOT_NEEDED, RECOGNISED, UNAVAILABLE, TIMED_OUT, FAILED }
