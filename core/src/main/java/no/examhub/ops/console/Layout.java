package no.examhub.ops.console;

/**
 * What every console page's frame shows: its title, the signed-in operator and the session's
 * CSRF token for the frame's logout form.
 *
 * @param active which menu entry is the current page
 * @param scope the institutions the operator sees, in words
 */
public record Layout(String title, String operator, String scope, String csrf, String active) {
  static Layout anonymous(String title) {
    return new Layout(title, null, null, null, null);
  }
}
