package no.examhub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code wrk} (a Debian package; the bench is not part of CI) with a Lua script that cycles
 * through a pool of pre-signed request lines, so every request carries a valid signature and
 * bodies differ (a single fixed body would be dropped as a duplicate downstream). With a rate, each
 * connection waits {@code connections / rate} between requests: wrk has no open-loop mode, so this
 * paces a closed loop (latency under backlog is under-reported; said in docs/performance.md).
 */
final class Wrk {
  record Result(String name, double requestsPerSecond, long non2xx, double p50ms, double p99ms, double p999ms,
      double cpuSeconds, double wallSeconds) {
    double cpuShare() {
      return wallSeconds == 0 ? 0 : cpuSeconds / wallSeconds;
    }
  }

  /** wrk's threads; each starts at its own share of the pool. */
  private static final int THREADS = 2;
  /**
   * {@code setup} numbers the threads. Each thread's Lua state draws the same "random" numbers
   * (LuaJIT seeds them alike), so with a random start both threads sent the same bodies in the
   * same order: every webhook twice, and half of them dropped downstream as duplicates (the end to
   * end phase read 4,624 events of 9,144 sent until 2026-12-03).
   */
  private static final String SCRIPT = """
      local pool = {}
      local i = 0
      local threads = 0
      setup = function(thread)
        thread:set("id", threads)
        threads = threads + 1
      end
      init = function(args)
        local signatureHeader = args[3] or "X-Inspera-Signature"
        local fixed = {}
        if args[4] then
          for line in io.lines(args[4]) do
            local name, value = line:match("^([^:]+):%%s*(.*)$")
            if name then fixed[name] = value end
          end
        end
        for line in io.lines(args[1]) do
          local sig, body = line:match("^(%%S+) (.*)$")
          local headers = {["Content-Type"] = "application/json"}
          for name, value in pairs(fixed) do headers[name] = value end
          if signatureHeader ~= "-" then headers[signatureHeader] = sig end
          pool[#pool + 1] = wrk.format("POST", args[2], headers, body)
        end
        i = math.floor(#pool * id / %d)
      end
      request = function()
        i = i %% #pool + 1
        return pool[i]
      end
      %s
      done = function(summary, latency, requests)
        io.write(string.format("P50 %%d\\nP99 %%d\\nP999 %%d\\n", latency:percentile(50),
            latency:percentile(99), latency:percentile(99.9)))
      end
      """;
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern TIMES = Pattern.compile("CPU ([0-9.]+) ([0-9.]+) ([0-9.]+)");

  private final Path dir;

  Wrk(Path dir) {
    this.dir = dir;
  }

  /** A pool file: one {@code signature body} line per request. */
  Path pool(String name, List<String> lines) throws IOException {
    return Files.write(dir.resolve(name + ".pool"), lines, StandardCharsets.UTF_8);
  }

  Result run(String name, String url, Path pool, int connections, Duration duration, int ratePerSecond)
      throws IOException, InterruptedException {
    return run(name, url, pool, connections, duration, ratePerSecond, "");
  }

  /**
   * As above, for a pool whose lines carry no signature ({@code - body}) and requests that carry
   * the same headers each time, e.g. a partner's client id and secret. The headers go through a
   * file, not the command line, so no secret shows in the process list.
   */
  Result runWithHeaders(String name, String url, Path pool, int connections, Duration duration, int ratePerSecond,
      Map<String, String> headers) throws IOException, InterruptedException {
    List<String> lines = headers.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    Path file = Files.write(dir.resolve(name + ".headers"), lines, StandardCharsets.UTF_8);
    return run(name, url, pool, connections, duration, ratePerSecond, " - " + file);
  }

  private Result run(String name, String url, Path pool, int connections, Duration duration, int ratePerSecond,
      String extraArgs) throws IOException, InterruptedException {
    String delay = ratePerSecond <= 0 ? ""
        : "delay = function() return " + Math.max(1, connections * 1000 / ratePerSecond) + " end";
    Path script = Files.writeString(dir.resolve(name + ".lua"), SCRIPT.formatted(THREADS, delay));
    String path = url.substring(url.indexOf('/', url.indexOf("//") + 2));
    String command = "TIMEFORMAT='CPU %U %S %R'; time wrk -t" + THREADS + " -c" + connections + " -d" + duration.toSeconds()
        + "s --timeout 10s -s " + script + " " + url + " -- " + pool + " " + path + extraArgs;
    Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("wrk failed: " + out);
    }
    Matcher t = TIMES.matcher(out);
    t.find();
    return new Result(name, number(RATE, out), (long) number(NON_2XX, out), micros(out, "P50") / 1000.0,
        micros(out, "P99") / 1000.0, micros(out, "P999") / 1000.0,
        Double.parseDouble(t.group(1)) + Double.parseDouble(t.group(2)), Double.parseDouble(t.group(3)));
  }

  private static double number(Pattern pattern, String out) {
    Matcher m = pattern.matcher(out);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static double micros(String out, String label) {
    Matcher m = Pattern.compile("(?m)^" + label + " (\\d+)").matcher(out);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }
}
