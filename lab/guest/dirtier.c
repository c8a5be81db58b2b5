/* The lab guest's workload: a working set rewritten page by page at a known rate, reported once a second over the
 * console, with a full memory check on demand (catches pages lost or left stale by a live migration).
 * Usage: dirtier WSS_MiB RATE   (RATE in pages/s, 0 = idle, "max" or -1 = as fast as it can). Built gcc -static -O2. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define PAGE_BYTES 4096u
#define WORDS_PER_PAGE (PAGE_BYTES / 8u)
#define RATE_MAX (-1)
#define MAX_BATCH 1024u
#define FILL_MAGIC 0xA5C3000000000000ull

/* Every page: word 0 = header(index, generation); words 1.. = fill(index, word), written once at start. */
static uint64_t header(uint64_t index, uint64_t generation) {
  uint64_t z = (generation << 32) ^ index ^ 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return z == 0 ? 1 : z;
}

static uint64_t fill(uint64_t index, uint64_t word) { return FILL_MAGIC ^ (index << 16) ^ word; }

struct state {
  uint64_t *memory;
  uint64_t pages;
  uint64_t sweep;   /* generation being written; pages before the cursor carry it, the others sweep - 1 */
  uint64_t cursor;  /* next page to write */
  uint64_t written; /* page writes since start */
  uint64_t skipped; /* page writes dropped because the guest fell behind (e.g. stopped by a migration) */
  uint64_t sum;     /* sum of all headers, kept up to date on every write */
  long rate;        /* pages/s, 0 = idle, RATE_MAX = as fast as possible */
  uint64_t base_us, base_written; /* pacing origin, reset on every rate change */
  uint64_t start_us, max_gap_us;
};

static uint64_t now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* One write(2) per line, so lines from init and from here do not interleave on the console. */
static void say(const char *format, ...) {
  char line[256];
  va_list args;
  va_start(args, format);
  int length = vsnprintf(line, sizeof line - 1, format, args);
  va_end(args);
  if (length < 0) return;
  if ((size_t)length > sizeof line - 2) length = (int)sizeof line - 2;
  line[length++] = '\n';
  ssize_t ignored = write(STDOUT_FILENO, line, (size_t)length);
  (void)ignored;
}

static uint64_t expected_generation(const struct state *s, uint64_t page) {
  return page < s->cursor ? s->sweep : s->sweep - 1;
}

static void fill_working_set(struct state *s) {
  s->sum = 0;
  for (uint64_t page = 0; page < s->pages; page++) {
    uint64_t *words = s->memory + page * WORDS_PER_PAGE;
    words[0] = header(page, 0);
    for (uint64_t word = 1; word < WORDS_PER_PAGE; word++) words[word] = fill(page, word);
    s->sum += words[0];
  }
  s->sweep = 1;
  s->cursor = 0;
}

static void write_pages(struct state *s, uint64_t count) {
  for (uint64_t n = 0; n < count; n++) {
    uint64_t *word = s->memory + s->cursor * WORDS_PER_PAGE;
    uint64_t next = header(s->cursor, s->sweep);
    s->sum += next - *word;
    *word = next;
    if (++s->cursor == s->pages) {
      s->cursor = 0;
      s->sweep++;
    }
  }
  s->written += count;
}

static void verify(struct state *s) {
  uint64_t started = now_us(), bad = 0, first = 0, want = 0, got = 0, sum = 0;
  for (uint64_t page = 0; page < s->pages; page++) {
    const uint64_t *words = s->memory + page * WORDS_PER_PAGE;
    uint64_t expected = header(page, expected_generation(s, page));
    int ok = words[0] == expected;
    for (uint64_t word = 1; ok && word < WORDS_PER_PAGE; word++) ok = words[word] == fill(page, word);
    sum += words[0];
    if (!ok && bad++ == 0) {
      first = page;
      want = expected;
      got = words[0];
    }
  }
  uint64_t took = now_us() - started;
  if (bad == 0 && sum == s->sum)
    say("VERIFY OK pages=%" PRIu64 " sweep=%" PRIu64 " sum=%016" PRIx64 " us=%" PRIu64, s->pages, s->sweep, sum, took);
  else if (bad == 0)
    say("VERIFY FAIL checksum want=%016" PRIx64 " got=%016" PRIx64 " us=%" PRIu64, s->sum, sum, took);
  else
    say("VERIFY FAIL page=%" PRIu64 " want=%016" PRIx64 " got=%016" PRIx64 " bad=%" PRIu64 " us=%" PRIu64, first,
        want, got, bad, took);
  s->base_us = now_us(); /* the check took time; do not try to catch up on it */
  s->base_written = s->written;
}

static long parse_rate(const char *text) {
  if (strcmp(text, "max") == 0 || strcmp(text, "-1") == 0) return RATE_MAX;
  char *end;
  long value = strtol(text, &end, 10);
  return (*text == '\0' || *end != '\0' || value < 0) ? -2 : value;
}

static void set_rate(struct state *s, long rate) {
  s->rate = rate;
  s->base_us = now_us();
  s->base_written = s->written;
  if (rate == RATE_MAX) say("RATE target=max");
  else say("RATE target=%ld", rate);
}

static void report(struct state *s, uint64_t now, uint64_t *last_us, uint64_t *last_written) {
  double seconds = (double)(now - *last_us) / 1e6;
  uint64_t measured = seconds > 0 ? (uint64_t)((double)(s->written - *last_written) / seconds + 0.5) : 0;
  char target[24];
  if (s->rate == RATE_MAX) strcpy(target, "max");
  else snprintf(target, sizeof target, "%ld", s->rate);
  say("HB t=%.1f sweep=%" PRIu64 " cur=%" PRIu64 " written=%" PRIu64 " rate=%" PRIu64 " target=%s skipped=%" PRIu64
      " sum=%016" PRIx64 " maxgap_us=%" PRIu64,
      (double)(now - s->start_us) / 1e6, s->sweep, s->cursor, s->written, measured, target, s->skipped, s->sum,
      s->max_gap_us);
  *last_us = now;
  *last_written = s->written;
  s->max_gap_us = 0;
}

static void run_command(struct state *s, char *line) {
  char *verb = strtok(line, " \t\r");
  char *argument = strtok(NULL, " \t\r");
  if (verb == NULL) return;
  if (strcmp(verb, "verify") == 0) {
    verify(s);
  } else if ((strcmp(verb, "rate") == 0 || strcmp(verb, "r") == 0) && argument != NULL) {
    long rate = parse_rate(argument);
    if (rate < RATE_MAX) say("ERR bad rate: %s (pages/s, or max)", argument);
    else set_rate(s, rate);
  } else {
    say("ERR unknown command: %s (try: verify, rate N, rate max)", verb);
  }
}

/* Reads what is there on stdin without blocking longer than `timeout_ms`; runs each complete line. */
static void read_commands(struct state *s, int timeout_ms, char *buffer, size_t *used, size_t capacity) {
  struct pollfd input = {.fd = STDIN_FILENO, .events = POLLIN};
  if (poll(&input, 1, timeout_ms) <= 0 || !(input.revents & POLLIN)) return;
  ssize_t got = read(STDIN_FILENO, buffer + *used, capacity - 1 - *used);
  if (got <= 0) return;
  *used += (size_t)got;
  char *newline;
  while ((newline = memchr(buffer, '\n', *used)) != NULL) {
    *newline = '\0';
    run_command(s, buffer);
    size_t consumed = (size_t)(newline - buffer) + 1;
    memmove(buffer, newline + 1, *used - consumed);
    *used -= consumed;
  }
  if (*used == capacity - 1) *used = 0; /* an overlong line: drop it */
}

/* How many pages to write now to keep to the rate; a backlog over 100 ms (the guest was stopped) is skipped. */
static uint64_t pages_due(struct state *s, uint64_t now) {
  if (s->rate == RATE_MAX) return MAX_BATCH;
  if (s->rate == 0) return 0;
  uint64_t target = (uint64_t)((double)(now - s->base_us) * (double)s->rate / 1e6);
  uint64_t due = target > s->written - s->base_written ? target - (s->written - s->base_written) : 0;
  uint64_t cap = (uint64_t)s->rate / 10 + 1;
  if (due > cap) {
    s->skipped += due - cap;
    s->base_written -= due - cap;
    due = cap;
  }
  return due;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    say("ERR usage: dirtier WSS_MiB RATE");
    return 2;
  }
  struct state s = {0};
  long wss_mib = strtol(argv[1], NULL, 10);
  long rate = parse_rate(argv[2]);
  if (wss_mib <= 0 || rate < RATE_MAX) {
    say("ERR bad arguments: wss_mib=%s rate=%s", argv[1], argv[2]);
    return 2;
  }
  s.pages = (uint64_t)wss_mib * 1048576u / PAGE_BYTES;
  s.memory = mmap(NULL, s.pages * PAGE_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (s.memory == MAP_FAILED) {
    say("ERR cannot map %ld MiB: %s", wss_mib, strerror(errno));
    return 1;
  }
  fcntl(STDIN_FILENO, F_SETFL, fcntl(STDIN_FILENO, F_GETFL) | O_NONBLOCK);
  say("DIRTIER start wss_mib=%ld pages=%" PRIu64 " rate=%s", wss_mib, s.pages, argv[2]);
  s.start_us = now_us();
  fill_working_set(&s);
  say("READY fill_ms=%" PRIu64, (now_us() - s.start_us) / 1000u);
  set_rate(&s, rate);
  char buffer[256];
  size_t used = 0;
  uint64_t last = now_us(), next_report = last + 1000000u, last_report = last, last_written = 0;
  for (;;) {
    uint64_t now = now_us();
    if (now - last > s.max_gap_us) s.max_gap_us = now - last;
    last = now;
    write_pages(&s, pages_due(&s, now));
    if (now >= next_report) {
      report(&s, now, &last_report, &last_written);
      next_report = now - next_report > 1000000u ? now + 1000000u : next_report + 1000000u;
    }
    read_commands(&s, s.rate == RATE_MAX ? 0 : 1, buffer, &used, sizeof buffer);
  }
}
