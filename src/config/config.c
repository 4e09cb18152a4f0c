/* SPDX-License-Identifier: MIT */
/* Loading, checking and printing the configuration (config.h). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"

static void add_msg(struct cfg_msgs *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_msg(struct cfg_msgs *m, const char *fmt, ...)
{
	char **grown, *line;
	va_list ap;

	if (!m)
		return;
	va_start(ap, fmt);
	if (vasprintf(&line, fmt, ap) < 0)
		line = NULL;
	va_end(ap);
	grown = line ? realloc(m->line, (m->count + 1) * sizeof *m->line) : NULL;
	if (!grown) {
		free(line);
		return; /* out of memory: the count of errors still says "no" */
	}
	m->line = grown;
	m->line[m->count++] = line;
}

void cfg_msgs_free(struct cfg_msgs *m)
{
	for (size_t i = 0; i < m->count; i++)
		free(m->line[i]);
	free(m->line);
	m->line = NULL;
	m->count = 0;
}

const char *cfg_env_name(enum cfg_id id, char *buf, size_t size)
{
	const char *last = strrchr(cfg_keys[id].name, '.') + 1;
	size_t n = (size_t)snprintf(buf, size, "SCTPSHIM_%s", last);

	for (size_t i = 0; i < n && i < size; i++)
		buf[i] = (char)toupper((unsigned char)buf[i]);
	return buf;
}

int cfg_lookup(const char *name)
{
	for (int i = 0; i < CFG_COUNT; i++)
		if (strcmp(cfg_keys[i].name, name) == 0)
			return i;
	return -1;
}

static void replace(char **slot, const char *text)
{
	free(*slot);
	*slot = text ? strdup(text) : NULL;
}

void cfg_init(struct cfg *c)
{
	memset(c, 0, sizeof *c);
	for (int i = 0; i < CFG_COUNT; i++) {
		struct cfg_value *v = &c->v[i];

		v->source = CFG_FROM_DEFAULT;
		replace(&v->where, "default");
		replace(&v->text, cfg_keys[i].def);
		if (cfg_keys[i].kind == CFG_NUMBER)
			v->num = strtoll(cfg_keys[i].def, NULL, 10);
	}
}

void cfg_free(struct cfg *c)
{
	for (int i = 0; i < CFG_COUNT; i++) {
		free(c->v[i].text);
		free(c->v[i].where);
	}
	memset(c, 0, sizeof *c);
}

/* A decimal integer, the whole of text[0..len).  Linux reads sysctls the
 * same way, apart from its hexadecimal "0x" form. */
static bool parse_int(const char *text, size_t len, long long *out)
{
	char buf[32], *end;

	if (len == 0 || len >= sizeof buf)
		return false;
	memcpy(buf, text, len);
	buf[len] = 0;
	if (!isdigit((unsigned char)buf[buf[0] == '-' || buf[0] == '+']))
		return false;
	errno = 0;
	*out = strtoll(buf, &end, 10);
	return !*end && !errno;
}

static bool in_range(const struct cfg_key *k, long long n)
{
	return (n >= k->min && n <= k->max) || (k->zero_allowed && n == 0);
}

static void range_text(const struct cfg_key *k, char *buf, size_t size)
{
	snprintf(buf, size, "%s%lld..%lld", k->zero_allowed ? "0 or " : "", k->min, k->max);
}

/* Checks text against the key; 0, or -1 with the message added. */
static int check_value(const struct cfg_key *k, const char *text, const char *where,
		       long long *num, struct cfg_msgs *errors)
{
	char range[64];
	long long n;

	range_text(k, range, sizeof range);
	switch (k->kind) {
	case CFG_NUMBER:
		if (!parse_int(text, strlen(text), &n)) {
			add_msg(errors, "%s: %s: '%s' is not a number in range %s", where, k->name, text, range);
			return -1;
		}
		if (!in_range(k, n)) {
			add_msg(errors, "%s: %s: %s is out of range %s", where, k->name, text, range);
			return -1;
		}
		*num = n;
		return 0;
	case CFG_TEXT: {
		size_t len = strlen(text);

		if ((long long)len < k->min || (long long)len > k->max) {
			add_msg(errors, "%s: %s: '%s' must have %lld to %lld characters",
				where, k->name, text, k->min, k->max);
			return -1;
		}
		return 0;
	}
	case CFG_CHOICE: {
		size_t len = strlen(text);

		for (const char *w = k->choices; *w; w += strcspn(w, " "), w += *w == ' ') {
			if (len && strncmp(w, text, len) == 0 && (w[len] == ' ' || !w[len]))
				return 0;
		}
		add_msg(errors, "%s: %s: '%s' is not one of %s", where, k->name, text, k->choices);
		return -1;
	}
	case CFG_TRIPLE: {
		const char *p = text;
		int count = 0;

		while (*p) {
			size_t len = strcspn(p, " \t");

			if (count == 3 || !parse_int(p, len, &n) || !in_range(k, n))
				break;
			count++;
			p += len;
			p += strspn(p, " \t");
		}
		if (*p || count != 3) {
			add_msg(errors, "%s: %s: '%s' is not three numbers in range %s",
				where, k->name, text, range);
			return -1;
		}
		return 0;
	}
	case CFG_PREFIXES: {
		char why[200];

		if (cfg_prefixes_parse(text, NULL, why, sizeof why) < 0) {
			add_msg(errors, "%s: %s: %s (expected address prefixes such as "
				"10.16.0.0/16 fd00:16::/32)", where, k->name, why);
			return -1;
		}
		return 0;
	}
	}
	return -1;
}

int cfg_set(struct cfg *c, enum cfg_id id, const char *text, enum cfg_source source,
	    const char *where, struct cfg_msgs *errors)
{
	struct cfg_value *v = &c->v[id];
	long long num = 0;

	if (check_value(&cfg_keys[id], text, where, &num, errors) < 0)
		return -1;
	v->num = num;
	v->source = source;
	replace(&v->text, text);
	replace(&v->where, where);
	return 0;
}

static size_t trim_end(const char *s, size_t len)
{
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	return len;
}

/* One line of a sysctl.conf (sysctl -p's rules: comments start a line;
 * a leading '-' makes an unknown key no error; '/' may separate the
 * name's parts). */
static int load_line(struct cfg *c, const char *line, size_t len, const char *where,
		     struct cfg_msgs *errors)
{
	const char *eq, *value;
	char key[128];
	size_t klen, vlen;
	bool optional = false;
	int id;

	while (len && isspace((unsigned char)*line))
		line++, len--;
	len = trim_end(line, len);
	if (!len || *line == '#' || *line == ';')
		return 0;
	if (*line == '-') {
		optional = true;
		line++, len--;
	}
	eq = memchr(line, '=', len);
	if (!eq) {
		add_msg(errors, "%s: expected 'key = value', not '%.*s'", where, (int)len, line);
		return 1;
	}
	klen = trim_end(line, (size_t)(eq - line));
	value = eq + 1;
	vlen = len - (size_t)(value - line);
	while (vlen && isspace((unsigned char)*value))
		value++, vlen--;
	if (klen == 0 || klen >= sizeof key) {
		add_msg(errors, "%s: expected 'key = value', not '%.*s'", where, (int)len, line);
		return 1;
	}
	memcpy(key, line, klen);
	key[klen] = 0;
	for (char *p = key; *p; p++)
		if (*p == '/')
			*p = '.';
	id = cfg_lookup(key);
	if (id < 0) {
		if (optional)
			return 0;
		add_msg(errors, "%s: unknown key '%s'", where, key);
		return 1;
	}
	{
		char *text = strndup(value, vlen);
		int err = text ? cfg_set(c, (enum cfg_id)id, text, CFG_FROM_FILE, where, errors) : -1;

		free(text);
		return err < 0;
	}
}

int cfg_load_text(struct cfg *c, const char *name, const char *text, struct cfg_msgs *errors)
{
	int errs = 0;
	unsigned lineno = 0;

	while (*text) {
		size_t len = strcspn(text, "\n");
		char where[4200];

		lineno++;
		snprintf(where, sizeof where, "%s:%u", name, lineno);
		errs += load_line(c, text, len, where, errors);
		text += len;
		text += *text == '\n';
	}
	return errs;
}

int cfg_load_file(struct cfg *c, const char *path, struct cfg_msgs *errors)
{
	FILE *f = fopen(path, "re");
	char *text = NULL;
	size_t size = 0;
	int errs;

	if (!f) {
		add_msg(errors, "%s: %s", path, strerror(errno));
		return 1;
	}
	{
		FILE *mem = open_memstream(&text, &size);
		char buf[4096];
		size_t n;

		if (!mem) {
			fclose(f);
			add_msg(errors, "%s: %s", path, strerror(errno));
			return 1;
		}
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			fwrite(buf, 1, n, mem);
		if (ferror(f)) {
			add_msg(errors, "%s: %s", path, strerror(errno));
			fclose(mem);
			fclose(f);
			free(text);
			return 1;
		}
		fclose(mem);
	}
	fclose(f);
	if (strlen(text) != size) {
		add_msg(errors, "%s: not a text file (it holds a NUL byte)", path);
		free(text);
		return 1;
	}
	errs = cfg_load_text(c, path, text, errors);
	free(text);
	return errs;
}

int cfg_load_env(struct cfg *c, const char *(*lookup)(const char *name), struct cfg_msgs *errors)
{
	int errs = 0;

	for (int i = 0; i < CFG_COUNT; i++) {
		char name[64];
		const char *text = lookup(cfg_env_name((enum cfg_id)i, name, sizeof name));

		if (!text || !*text)
			continue;
		/* SCTPSHIM_DEBUG has always meant "anything but 0" */
		if (i == CFG_DEBUG)
			text = strcmp(text, "0") == 0 ? "0" : "1";
		errs += cfg_set(c, (enum cfg_id)i, text, CFG_FROM_ENV, name, errors) < 0;
	}
	return errs;
}

/* One cross-key rule: lo <= hi.  The complaint names the key the user
 * set with the strongest source (the one to change), with its range
 * given by the other. */
static int check_order(const struct cfg *c, enum cfg_id lo, enum cfg_id hi, struct cfg_msgs *errors)
{
	const struct cfg_value *l = &c->v[lo], *h = &c->v[hi];

	if (l->num <= h->num)
		return 0;
	if (l->source >= h->source)
		add_msg(errors, "%s: %s: %s is out of range %lld..%lld (%s is %s)", l->where,
			cfg_keys[lo].name, l->text, cfg_keys[lo].min, h->num, cfg_keys[hi].name, h->text);
	else
		add_msg(errors, "%s: %s: %s is out of range %lld..%lld (%s is %s)", h->where,
			cfg_keys[hi].name, h->text, l->num, cfg_keys[hi].max, cfg_keys[lo].name, l->text);
	return 1;
}

/* A prefix cannot be both spoken to natively and encapsulated: the
 * longest match would have no answer. */
static int check_peer_lists(const struct cfg *c, struct cfg_msgs *errors)
{
	struct cfg_prefixes native = { 0 }, encap = { 0 };
	/* the message names the list set last, where the clash was made */
	bool encap_late = c->v[CFG_ENCAP_PEERS].source >= c->v[CFG_NATIVE_PEERS].source;
	enum cfg_id late = encap_late ? CFG_ENCAP_PEERS : CFG_NATIVE_PEERS;
	enum cfg_id other = encap_late ? CFG_NATIVE_PEERS : CFG_ENCAP_PEERS;
	char why[200];
	int errs = 0;

	if (cfg_prefixes_parse(cfg_text(c, CFG_NATIVE_PEERS), &native, why, sizeof why) < 0
	    || cfg_prefixes_parse(cfg_text(c, CFG_ENCAP_PEERS), &encap, why, sizeof why) < 0) {
		add_msg(errors, "peer lists: %s", why);
		errs = 1;
	}
	for (size_t i = 0; !errs && i < native.count; i++)
		for (size_t j = 0; !errs && j < encap.count; j++)
			if (cfg_prefixes_same(&native.p[i], &encap.p[j])) {
				char addr[INET6_ADDRSTRLEN];

				inet_ntop(native.p[i].family, native.p[i].addr, addr, sizeof addr);
				add_msg(errors, "%s: %s: %s/%u is also in %s", c->v[late].where,
					cfg_keys[late].name, addr, native.p[i].len,
					cfg_keys[other].name);
				errs = 1;
			}
	cfg_prefixes_free(&native);
	cfg_prefixes_free(&encap);
	return errs;
}

int cfg_check(const struct cfg *c, struct cfg_msgs *errors)
{
	int errs = check_order(c, CFG_RTO_MIN, CFG_RTO_MAX, errors);

	/* only once min <= max holds can initial be placed between them */
	if (!errs) {
		errs += check_order(c, CFG_RTO_MIN, CFG_RTO_INITIAL, errors);
		errs += check_order(c, CFG_RTO_INITIAL, CFG_RTO_MAX, errors);
	}
	errs += check_order(c, CFG_PF_RETRANS, CFG_PS_RETRANS, errors);
	errs += check_peer_lists(c, errors);
	return errs;
}

static bool behaves_as_given(const struct cfg_key *k, const struct cfg_value *v)
{
	if (!k->behaves_as)
		return false;
	if (k->kind == CFG_NUMBER)
		return v->num == strtoll(k->behaves_as, NULL, 10);
	return strcmp(v->text, k->behaves_as) == 0;
}

int cfg_warnings(const struct cfg *c, struct cfg_msgs *warnings)
{
	int n = 0;

	for (int i = 0; i < CFG_COUNT; i++) {
		const struct cfg_key *k = &cfg_keys[i];
		const struct cfg_value *v = &c->v[i];

		if (!k->no_effect || v->source == CFG_FROM_DEFAULT || behaves_as_given(k, v))
			continue;
		add_msg(warnings, "%s: %s = %s has no effect: %s", v->where, k->name, v->text, k->no_effect);
		n++;
	}
	return n;
}

void cfg_print(const struct cfg *c, FILE *out)
{
	for (int i = 0; i < CFG_COUNT; i++) {
		const struct cfg_value *v = &c->v[i];

		if (!v->text)
			fprintf(out, "# %s is not set\n", cfg_keys[i].name);
		else
			fprintf(out, "%s = %s\t# %s%s\n", cfg_keys[i].name, v->text, v->where,
				cfg_keys[i].no_effect && !behaves_as_given(&cfg_keys[i], v)
				? ", no effect in sctpshim" : "");
	}
}
