package no.examhub.platform.http;

/** The body of every error answer. */
public record ErrorBody(String errorCode, String message, String requestId) {}
