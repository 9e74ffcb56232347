package no.examhub.ops.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/**
 * Renders the console's JTE templates ({@code core/src/main/jte}). They are compiled to Java by
 * jte-maven-plugin at build time, so the running service needs no compiler and a template error
 * is a build error. HTML output escapes every value by context.
 */
final class Templates {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  String render(String template, Object page) {
    StringOutput out = new StringOutput();
    engine.render(template, page, out);
    return out.toString();
  }

  /** A console page: HTML, never cached, never framed, scripts and styles only from Examhub itself. */
  void answer(Context ctx, int status, String template, Object page) {
    ctx.status(status).contentType("text/html; charset=utf-8")
        .header("Cache-Control", "no-store")
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
        .result(render(template, page));
  }
}
