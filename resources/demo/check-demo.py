#!/usr/bin/env python3
"""Validates the demo newsroom in resources/demo/.

Checks newsroom.json's shape, that every path it names exists, that the images' pixel sizes
match the <img> attributes and caption widths in the article bodies, that every attachment id a
body refers to is in the library, and that the deliberate defects (README.md) are present
exactly once each — no more, no fewer. Exits 1 and lists the problems if anything is off.

Usage: python3 resources/demo/check-demo.py [DEMO_DIR]
"""

import json
import re
import struct
import sys
from pathlib import Path

DEMO = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent

STATUSES = {"draft", "edit", "ready", "scheduled", "published", "spiked"}
NEWSROOM_KEYS = {"name", "timeZone", "baseUrl", "creditStyle"}
IMAGE_KEYS = {"file", "wpAttachmentId", "title", "caption", "description", "creditLine",
              "creator", "copyrightNotice", "altText"}
AUTHOR_KEYS = {"slug", "displayName", "roleLine", "bio", "email", "avatar", "wpAuthorId", "links"}
ARTICLE_KEYS = {"title", "slug", "excerpt", "bodyFile", "status", "authors", "tags",
                "createdOffsetHours", "updatedOffsetHours", "publishedOffsetHours",
                "scheduledOffsetHours", "embargoOffsetHours", "wpPostId", "featuredImage"}
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
MAX_IMAGES_BYTES = 3 * 1024 * 1024
# The deliberate defects, documented in README.md.
MISSING_ATTACHMENT_ID = 49999

problems = []
notes = []


def problem(msg):
    problems.append(msg)


def image_size(path):
    """(width, height) of a JPEG or PNG file, read from its header."""
    data = path.read_bytes()
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return struct.unpack(">II", data[16:24])
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 4 <= len(data):
            if data[i] != 0xFF:
                i += 1
                continue
            marker = data[i + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
                i += 1 if marker == 0xFF else 2
                continue
            (length,) = struct.unpack(">H", data[i + 2:i + 4])
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                h, w = struct.unpack(">HH", data[i + 5:i + 9])
                return w, h
            i += 2 + length
    return None


def words(html):
    text = re.sub(r"\[/?[a-z]+[^\]]*\]", " ", html)
    text = re.sub(r"<[^>]+>", " ", text)
    return len(text.split())


def attrs(tag):
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag))


# --- newsroom.json ---------------------------------------------------------------------------
try:
    raw = (DEMO / "newsroom.json").read_bytes()
    doc = json.loads(raw.decode("utf-8"))
except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
    print(f"newsroom.json: cannot read: {e}")
    sys.exit(1)

if set(doc) != {"newsroom", "images", "authors", "articles"}:
    problem(f"top-level keys are {sorted(doc)}")

nr = doc.get("newsroom", {})
if set(nr) != NEWSROOM_KEYS:
    problem(f"newsroom keys are {sorted(nr)}")
if nr.get("timeZone") != "Asia/Almaty":
    problem("newsroom.timeZone is not Asia/Almaty")
if "{credit}" not in nr.get("creditStyle", ""):
    problem("newsroom.creditStyle lacks {credit}")
if not str(nr.get("baseUrl", "")).startswith("https://"):
    problem("newsroom.baseUrl is not an https URL")

# --- images -----------------------------------------------------------------------------------
images = doc.get("images", [])
by_id, by_file, sizes = {}, {}, {}
no_credit, no_alt = [], []
for n, im in enumerate(images):
    where = f"images[{n}] ({im.get('file')})"
    if set(im) != IMAGE_KEYS:
        problem(f"{where}: keys {sorted(set(im) ^ IMAGE_KEYS)} differ from the expected set")
    aid = im.get("wpAttachmentId")
    if not isinstance(aid, int):
        problem(f"{where}: wpAttachmentId is not an integer")
    elif aid in by_id:
        problem(f"{where}: wpAttachmentId {aid} used twice")
    by_id[aid] = im
    if im.get("file") in by_file:
        problem(f"{where}: file listed twice")
    by_file[im.get("file")] = im
    for key in IMAGE_KEYS - {"wpAttachmentId"}:
        value = im.get(key)
        if not isinstance(value, str):
            problem(f"{where}: {key} is not a string")
        elif not value.strip():
            if key == "creditLine":
                no_credit.append(im["file"])
            elif key == "altText":
                no_alt.append(im["file"])
            else:
                problem(f"{where}: {key} is empty")
    path = DEMO / im.get("file", "")
    if not path.is_file():
        problem(f"{where}: file does not exist")
        continue
    size = image_size(path)
    if size is None:
        problem(f"{where}: not a readable JPEG/PNG")
        continue
    sizes[aid] = size
    if path.suffix == ".jpg" and path.read_bytes()[:2] != b"\xff\xd8":
        problem(f"{where}: .jpg is not a JPEG")

if len(no_credit) != 1:
    problem(f"expected exactly one image without creditLine, found {no_credit}")
else:
    notes.append(f"deliberate defect: no creditLine on {no_credit[0]}")
if len(no_alt) != 1:
    problem(f"expected exactly one image without altText, found {no_alt}")
else:
    notes.append(f"deliberate defect: no altText on {no_alt[0]}")

# --- authors ----------------------------------------------------------------------------------
authors = doc.get("authors", [])
slugs = set()
avatar_files = set()
for n, au in enumerate(authors):
    where = f"authors[{n}] ({au.get('slug')})"
    if set(au) != AUTHOR_KEYS:
        problem(f"{where}: keys {sorted(set(au) ^ AUTHOR_KEYS)} differ from the expected set")
    if au.get("slug") in slugs:
        problem(f"{where}: slug used twice")
    slugs.add(au.get("slug"))
    for key in ("displayName", "roleLine", "email"):
        if not str(au.get(key, "")).strip():
            problem(f"{where}: {key} is empty")
    paras = [p for p in str(au.get("bio", "")).split("\n\n") if p.strip()]
    if not 2 <= len(paras) <= 3:
        problem(f"{where}: bio has {len(paras)} paragraphs, expected 2-3")
    avatar = au.get("avatar", "")
    avatar_files.add(avatar)
    if avatar not in by_file:
        problem(f"{where}: avatar {avatar} is not in images")
    elif sizes.get(by_file[avatar]["wpAttachmentId"]) != (256, 256):
        problem(f"{where}: avatar is not 256x256")
    if not isinstance(au.get("wpAuthorId"), int):
        problem(f"{where}: wpAuthorId is not an integer")
    for link in au.get("links", []):
        if set(link) != {"label", "url"} or not link["url"].startswith("https://"):
            problem(f"{where}: bad link {link}")
if len(authors) < 4:
    problem(f"only {len(authors)} authors")

content_images = [im for im in images if im.get("file") not in avatar_files]
if len(content_images) < 12:
    problem(f"only {len(content_images)} images besides avatars")

# --- articles ---------------------------------------------------------------------------------
articles = doc.get("articles", [])
by_status = {s: 0 for s in STATUSES}
post_ids, art_slugs = set(), set()
two_authors = 0
russian_title = kazakh_title = False
for n, ar in enumerate(articles):
    where = f"articles[{n}] ({ar.get('slug')})"
    if set(ar) != ARTICLE_KEYS:
        problem(f"{where}: keys {sorted(set(ar) ^ ARTICLE_KEYS)} differ from the expected set")
    status = ar.get("status")
    if status not in STATUSES:
        problem(f"{where}: unknown status {status!r}")
    else:
        by_status[status] += 1
    if ar.get("slug") in art_slugs:
        problem(f"{where}: slug used twice")
    art_slugs.add(ar.get("slug"))
    if ar.get("wpPostId") in post_ids:
        problem(f"{where}: wpPostId used twice")
    post_ids.add(ar.get("wpPostId"))
    for a in ar.get("authors", []):
        if a not in slugs:
            problem(f"{where}: unknown author {a}")
    if not ar.get("authors"):
        problem(f"{where}: no authors")
    two_authors += len(ar.get("authors", [])) >= 2
    title = ar.get("title", "")
    if any(c in KAZAKH_LETTERS for c in title):
        kazakh_title = True
    elif re.search(r"[А-Яа-яЁё]", title):
        russian_title = True
    c, u = ar.get("createdOffsetHours"), ar.get("updatedOffsetHours")
    p, s = ar.get("publishedOffsetHours"), ar.get("scheduledOffsetHours")
    e = ar.get("embargoOffsetHours")
    if not (isinstance(c, int) and isinstance(u, int) and c <= u <= 0):
        problem(f"{where}: expected created <= updated <= 0 hours")
    if status == "published":
        if not (isinstance(p, int) and c <= p < 0):
            problem(f"{where}: published article needs created <= publishedOffsetHours < 0")
    elif p is not None:
        problem(f"{where}: unpublished article has publishedOffsetHours")
    if status == "scheduled":
        if not (isinstance(s, int) and s > 0):
            problem(f"{where}: scheduled article needs scheduledOffsetHours > 0")
        if e is not None and not (isinstance(e, int) and e <= s):
            problem(f"{where}: embargo after the scheduled time")
    elif s is not None:
        problem(f"{where}: only scheduled articles carry scheduledOffsetHours")
    if ar.get("featuredImage") not in by_file:
        problem(f"{where}: featuredImage {ar.get('featuredImage')} is not in images")
    body_path = DEMO / ar.get("bodyFile", "")
    if not re.fullmatch(r"articles/\d\d-" + re.escape(ar.get("slug", "")) + r"\.html", ar.get("bodyFile", "")):
        problem(f"{where}: bodyFile is not articles/NN-<slug>.html")
    if not body_path.is_file():
        problem(f"{where}: bodyFile does not exist")
        ar["_body"] = None
        continue
    ar["_body"] = body_path.read_bytes()

for s, count in sorted(by_status.items()):
    if count == 0:
        problem(f"no article with status {s}")
if len(articles) < 14:
    problem(f"only {len(articles)} articles")
if by_status["scheduled"] < 2:
    problem("fewer than 2 scheduled articles")
if two_authors < 3:
    problem(f"only {two_authors} articles with two authors")
if not russian_title:
    problem("no article with a Russian (Cyrillic) title")
if not kazakh_title:
    problem("no article with a Kazakh title")

# --- article bodies ---------------------------------------------------------------------------
CAPTION_OPEN = re.compile(r"\[caption\b([^\]]*)\]")
CAPTION = re.compile(r"\[caption\b([^\]]*)\](.*?)\[/caption\]", re.S)
IMG = re.compile(r"<img\b[^>]*>")
missing_refs, malformed, plain_imgs, other_shortcodes = [], [], 0, 0
aligns, styles = set(), set()
trailing_newline = set()
used_ids = set()
for ar in articles:
    raw_body = ar.pop("_body", None)
    if raw_body is None:
        continue
    name = ar["bodyFile"]
    try:
        body = raw_body.decode("utf-8")
    except UnicodeDecodeError:
        problem(f"{name}: not UTF-8")
        continue
    if body.startswith("\ufeff"):
        problem(f"{name}: has a byte-order mark")
    if "\r" in body:
        problem(f"{name}: has CR line endings")
    trailing_newline.add(body.endswith("\n"))
    if re.search(r"</?p[\s>]", body):
        problem(f"{name}: contains <p> tags (wpautop adds them)")
    wc = words(body)
    if not 300 <= wc <= 900:
        problem(f"{name}: {wc} words, expected 300-900")

    opens = len(CAPTION_OPEN.findall(body))
    closes = body.count("[/caption]")
    if opens != closes:
        malformed.append((name, ar["status"]))
        # Judge only the well-formed part of the file below.
    for m in CAPTION.finditer(body):
        a = attrs(m.group(1))
        inner = m.group(2)
        if CAPTION_OPEN.search(inner):
            continue  # swallowed an unclosed caption; counted above
        mid = re.fullmatch(r"attachment_(\d+)", a.get("id", ""))
        if not mid:
            problem(f"{name}: caption without attachment id: {m.group(0)[:60]}")
            continue
        aid = int(mid.group(1))
        used_ids.add(aid)
        aligns.add(a.get("align"))
        text = IMG.sub("", re.sub(r"</?a\b[^>]*>", "", inner)).strip()
        if re.search(r"\bImage: \S", text):
            styles.add("Image:")
        if re.search(r"\bPhoto: \S", text):
            styles.add("Photo:")
        if re.search(r"(^|\s)@[\w.-]+\.\w+$", text):
            styles.add("@domain")
        if "©" in text:
            styles.add("©")
        if aid not in by_id:
            missing_refs.append((name, aid, ar["status"]))
            continue
        w = int(a.get("width", "0"))
        if not 0 < w <= sizes.get(aid, (0, 0))[0]:
            problem(f"{name}: caption width {w} for attachment {aid} exceeds {sizes.get(aid)}")
        for tag in IMG.findall(inner):
            ta = attrs(tag)
            if f"wp-image-{aid}" not in ta.get("class", ""):
                problem(f"{name}: caption {aid} wraps an <img> of another attachment")
    for tag in IMG.findall(body):
        ta = attrs(tag)
        mcls = re.search(r"wp-image-(\d+)", ta.get("class", ""))
        if not mcls:
            problem(f"{name}: <img> without wp-image class")
            continue
        aid = int(mcls.group(1))
        used_ids.add(aid)
        if aid not in by_id:
            continue
        fname = Path(by_id[aid]["file"]).name
        if not ta.get("src", "").endswith("/" + fname):
            problem(f"{name}: <img> for {aid} points at {ta.get('src')}, expected …/{fname}")
        if (int(ta.get("width", 0)), int(ta.get("height", 0))) != sizes.get(aid):
            problem(f"{name}: <img> {aid} is {ta.get('width')}x{ta.get('height')}, file is {sizes.get(aid)}")
    no_captions = CAPTION.sub("", body)
    plain_imgs += len(IMG.findall(no_captions)) if opens == closes else 0
    for m in re.finditer(r"\[(gallery|embed)\b([^\]]*)\]", body):
        other_shortcodes += 1
        for gid in re.findall(r"\d+", attrs(m.group(2)).get("ids", "")):
            used_ids.add(int(gid))
            if int(gid) not in by_id:
                problem(f"{name}: gallery refers to unknown attachment {gid}")

if len(trailing_newline) > 1:
    problem("article bodies are inconsistent about ending with a newline")
if len(malformed) != 1 or malformed[0][1] != "draft":
    problem(f"expected exactly one malformed caption, in a draft; found {malformed}")
else:
    notes.append(f"deliberate defect: unclosed [caption] in {malformed[0][0]} (draft)")
if len(missing_refs) != 1 or missing_refs[0][1] != MISSING_ATTACHMENT_ID or missing_refs[0][2] != "published":
    problem(f"expected exactly one reference to missing attachment {MISSING_ATTACHMENT_ID} "
            f"in a published article; found {missing_refs}")
else:
    notes.append(f"deliberate defect: attachment_{MISSING_ATTACHMENT_ID} (not in the library) "
                 f"in {missing_refs[0][0]}")
if MISSING_ATTACHMENT_ID in by_id:
    problem(f"attachment {MISSING_ATTACHMENT_ID} must stay missing from the library")
for style in ("Image:", "Photo:", "@domain", "©"):
    if style not in styles:
        problem(f"no caption uses the credit style {style}")
for align in ("aligncenter", "alignleft", "alignright", "alignnone"):
    if align not in aligns:
        problem(f"no caption uses {align}")
if plain_imgs < 1:
    problem("no plain <img> outside a caption")
if other_shortcodes < 1:
    problem("no [gallery] or [embed] shortcode")

# --- the images folder ------------------------------------------------------------------------
folder = DEMO / "images"
total = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
if total > MAX_IMAGES_BYTES:
    problem(f"images/ holds {total} bytes, over {MAX_IMAGES_BYTES}")
listed = {Path(f).name for f in by_file}
for p in sorted(folder.iterdir()):
    if p.name not in listed:
        problem(f"images/{p.name} is not listed in newsroom.json")
unused = sorted(i for i, im in by_id.items() if i not in used_ids and im["file"] not in avatar_files
                and im["file"] not in {a.get("featuredImage") for a in articles})
if unused:
    notes.append(f"images used nowhere: {unused}")

# --- report -----------------------------------------------------------------------------------
print(f"newsroom: {nr.get('name')}")
print(f"authors: {len(authors)}; articles: {len(articles)} "
      + ", ".join(f"{s}={by_status[s]}" for s in ("draft", "edit", "ready", "scheduled", "published", "spiked")))
print(f"images: {len(content_images)} illustrations + {len(avatar_files)} avatars, {total} bytes on disk")
for note in notes:
    print("note:", note)
if problems:
    print(f"\n{len(problems)} problem(s):")
    for p in problems:
        print("  -", p)
    sys.exit(1)
print("OK")
