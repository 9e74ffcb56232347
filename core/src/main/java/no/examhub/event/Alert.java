package no.examhub.event;



public record Alert(String kind, String institution, String severity, String summary, String reference, java.time.Instant at) {}
