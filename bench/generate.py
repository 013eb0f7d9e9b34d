"""A reproducible synthetic library built from the real texts of the shared corpus.

``generate(n, corpus, out)`` writes ``n - 11`` source files (plain text, in the
form of the corpus seeds and of the laws copied from official pages) beside a
manifest in the format of ``sources.yml`` that also lists the 11 real texts, so
that the library holds ``n`` documents. Everything derives from one seed: the
same ``n`` and seed give the same bytes.

The documents are laws, decrees, circulars (Chương / Điều / khoản / điểm) and
provincial decisions, directives and plans (I. / 1. / a) sections), with
real-looking numbers ("45/2021/QH15", "25/KH-UBND"), issuers, places and dates.
Their sentences are the real sentences of the laws and seeds. Each one cites
documents issued before it — by number, by name and date, by issuer and date,
down to the clause or point — and the real laws, so the citation engine finds,
resolves and links as it would in a real library; plain ``25/KH-UBND`` numbers
recur across provinces, and later versions of a law or decree replace earlier
ones, as they do in reality.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

#: The repository's own manifest: the real texts join every synthetic library.
REPO = Path(__file__).resolve().parents[1]
SOURCES_YML = REPO / "sources.yml"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_SEED = 20251123

#: Share of each document type, and the median size (bytes of UTF-8) and spread of its text.
TYPES: dict[str, tuple[float, int, float]] = {
    "Luật": (0.03, 60_000, 0.35),
    "Nghị định": (0.09, 30_000, 0.5),
    "Thông tư": (0.10, 18_000, 0.5),
    "Quyết định": (0.22, 12_000, 0.6),
    "Chỉ thị": (0.08, 8_000, 0.4),
    "Kế hoạch": (0.48, 12_000, 0.5),
}
MIN_SIZE, MAX_SIZE = 3_000, 200_000

#: Names of laws a synthetic law takes (versions over the years replace one another); the
#: real library's own laws are left out so that their citations keep resolving to them.
LAW_NAMES = (
    "Giao dịch điện tử", "Viễn thông", "Tiếp cận thông tin", "Bảo vệ bí mật nhà nước",
    "Cơ yếu", "Dữ liệu", "Chuyển đổi số", "Công nghiệp công nghệ số", "Trí tuệ nhân tạo",
    "Căn cước", "Báo chí", "Quảng cáo", "Tần số vô tuyến điện", "Bưu chính", "Thống kê",
    "Lưu trữ", "Công nghệ cao", "Xuất bản", "Phổ biến, giáo dục pháp luật", "Thư viện",
)

#: Central issuers: (issuer, header line, number code, signature title).
MINISTRIES = (
    ("Bộ Công an", "BỘ CÔNG AN", "BCA", "BỘ TRƯỞNG"),
    ("Bộ Thông tin và Truyền thông", "BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "BTTTT", "BỘ TRƯỞNG"),
    ("Bộ Quốc phòng", "BỘ QUỐC PHÒNG", "BQP", "BỘ TRƯỞNG"),
)

#: Provincial issuers of plans: (issuer prefix, number code, signature title lines).
LOCAL_ISSUERS = (
    ("Ủy ban nhân dân", "UBND", ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")),
    ("Sở Thông tin và Truyền thông", "STTTT", ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
    ("Công an", "CAT", ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
    ("Sở Công Thương", "SCT", ("GIÁM ĐỐC",)),
)

CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ")
PROVINCES = CITIES + (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
    "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk",
    "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam",
    "Hà Tĩnh", "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang",
    "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định",
    "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam",
    "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình",
    "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang",
    "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)

#: The numbers of the real texts, as ``Generator._serial`` keys them: never given to a
#: synthetic text, which would take the real one's page (same number, issuer and year).
REAL_NUMBERS = (
    ("QH", "2006", "67"), ("QH", "2015", "86"), ("QH", "2018", "24"), ("QH", "2025", "91"),
    ("QH", "2025", "116"), ("Sở Công Thương tỉnh Quảng NgãiKH", "2023", "812"),
    ("Ủy ban nhân dân tỉnh Bình ThuậnQĐ", "2021", "3250"),
)

SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô")
MIDDLE_NAMES = ("Văn", "Thị", "Đức", "Minh", "Thanh", "Quốc", "Hữu", "Ngọc", "Xuân")
GIVEN_NAMES = ("An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai",
               "Nam", "Phong", "Quang", "Sơn", "Thắng", "Trung", "Tuấn", "Việt")

#: Topics of the plans, decisions and directives of a province ("{p}": the province).
LOCAL_TOPICS = (
    "bảo đảm an toàn thông tin mạng trong hoạt động của các cơ quan nhà nước tỉnh {p}",
    "phòng, chống vi phạm pháp luật và thông tin xấu độc trên không gian mạng",
    "tuyên truyền, phổ biến pháp luật về an ninh mạng trên địa bàn tỉnh {p}",
    "ứng cứu sự cố an toàn thông tin mạng trên địa bàn tỉnh {p}",
    "xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc trên không gian mạng",
    "nâng cao nhận thức và kỹ năng bảo vệ dữ liệu cá nhân cho cán bộ, công chức và Nhân dân",
    "phòng, chống tội phạm lừa đảo chiếm đoạt tài sản trên không gian mạng",
)

#: The four parts of a plan, as the seeds print them.
PLAN_SECTIONS = ("MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ, GIẢI PHÁP", "KINH PHÍ THỰC HIỆN",
                 "TỔ CHỨC THỰC HIỆN")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"

#: Sentences left out of the pools: they cite something, which the generator controls.
_CITES = re.compile(r"\d+/\d|\d+-[A-ZĐ]+/|Điều \d|khoản \d|điểm [a-zđ]\b|\b[Ss]ố \d")
_ENDS_SENTENCE = re.compile(r"[.;:…]$")


@dataclass(frozen=True)
class Real:
    """A real document of the corpus a synthetic one may cite: its citation and its units."""

    citation: str
    date: str
    clauses: dict[int, int]  # article → number of clauses (0: an article without clauses)


#: The real laws the synthetic texts cite, with the clause counts of the articles they cite.
REAL_LAWS = (
    ("luat-an-ninh-mang-2025.txt", "Luật An ninh mạng số 116/2025/QH15", "2025-12-10"),
    ("luat-bao-ve-du-lieu-ca-nhan-2025.txt", "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15",
     "2025-06-26"),
)
#: Real texts cited by name and date or at document level only.
REAL_BY_NAME = (
    Real("Luật An ninh mạng ngày 12/6/2018", "2018-06-12", {}),
    Real("Luật An toàn thông tin mạng số 86/2015/QH13", "2015-11-19", {}),
    Real("Luật Công nghệ thông tin số 67/2006/QH11", "2006-06-29", {}),
)


@dataclass(frozen=True)
class Pools:
    """Real sentences by role, taken from the laws and the seeds of the corpus."""

    clauses: list[str]
    points: list[str]
    article_headings: list[str]
    chapter_titles: list[str]
    plan_paragraphs: list[str]
    plan_bullets: list[str]
    plan_headings: list[str]
    real_laws: list[Real]

    @classmethod
    def load(cls, corpus: Path) -> Pools:
        """The pools of the corpus, and the clause counts of the real laws' articles."""
        clauses: list[str] = []
        points: list[str] = []
        headings: list[str] = []
        chapters: list[str] = []
        real: list[Real] = []
        for name, citation, date in REAL_LAWS:
            lines = (corpus / "laws" / name).read_text(encoding="utf-8").splitlines()
            counts: dict[int, int] = {}
            article = 0
            for index, line in enumerate(lines):
                if match := re.match(r"Điều (\d+)\. (.+)", line):
                    article = int(match[1])
                    counts[article] = 0
                    headings.append(match[2])
                elif match := re.match(r"\d+\. (.+)", line):
                    counts[article] = counts.get(article, 0) + 1
                    clauses.append(match[1])
                elif match := re.match(r"[a-zđ]\) (.+)", line):
                    points.append(match[1])
                elif re.fullmatch(r"Chương [IVX]+", line) and index + 1 < len(lines):
                    chapters.append(lines[index + 1])
            real.append(Real(citation, date, counts))
        paragraphs: list[str] = []
        bullets: list[str] = []
        plan_headings: list[str] = []
        for seed in sorted((corpus / "seeds").glob("*.txt")):
            for block in re.split(r"\n\s*\n", seed.read_text(encoding="utf-8")):
                text = " ".join(block.replace("*", "").split())
                if match := re.fullmatch(r"\d+\. (.{20,160})", text):
                    if not _ENDS_SENTENCE.search(match[1]):
                        plan_headings.append(match[1])
                elif text.startswith("- "):
                    bullets += [line[2:].strip() for line in block.splitlines()
                                if line.startswith("- ") and len(line) > 40]
                elif len(text) > 120 and text[0].isupper() and not text[:3].isupper():
                    paragraphs.append(text)
        return cls(
            clauses=_usable(clauses), points=_usable(points),
            article_headings=_usable(headings, ending=False),
            chapter_titles=_usable(chapters, ending=False),
            plan_paragraphs=_usable(paragraphs), plan_bullets=_usable(bullets),
            plan_headings=_usable(plan_headings, ending=False), real_laws=real,
        )


def _usable(texts: list[str], ending: bool = True) -> list[str]:
    """Sentences without citations of their own, complete, each once, in a stable order."""
    kept = [t for t in dict.fromkeys(texts) if not _CITES.search(t)]
    return [t for t in kept if not ending or _ENDS_SENTENCE.search(t)]


def _bare(sentence: str) -> str:
    return sentence.rstrip(" .;:…")


@dataclass
class Doc:
    """One synthetic document: what the manifest and the citations need to know of it."""

    index: int  # position in date order: the file name's prefix
    kind: str
    number: str
    issuer: str
    place: str
    date: str  # ISO
    name: str  # a law's name, or the trích yếu
    size: int  # target bytes
    province: str | None = None
    topic: str = ""  # what a provincial text is about
    signature: tuple[str, ...] = ()
    header_issuer: str = ""
    #: article → points per clause ([] for an article without clauses); empty for plans.
    articles: list[list[int]] = field(default_factory=list)
    replaces: Doc | None = None

    @property
    def file_name(self) -> str:
        """"00042-25-kh-ubnd.txt": date order, then the number."""
        return f"{self.index:05d}-{re.sub(r'[^a-z0-9]+', '-', _ascii(self.number))}.txt"

    @property
    def day_month_year(self) -> str:
        """"28/04/2022", as citations write the date."""
        year, month, day = self.date.split("-")
        return f"{int(day):02d}/{int(month):02d}/{year}"

    def cite(self) -> str:
        """How another text names this one."""
        if self.kind == "Luật":
            return f"Luật {self.name} số {self.number}"
        return f"{self.kind} số {self.number} ngày {self.day_month_year} của {self.issuer}"


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _legislature(year: int, month: int) -> str:
    """QH13 until mid-2016, QH14 until mid-2021, then QH15."""
    if (year, month) < (2016, 7):
        return "QH13"
    return "QH14" if (year, month) < (2021, 7) else "QH15"


class Generator:
    """Plans the library (types, numbers, dates, structure), then writes each text."""

    def __init__(self, pools: Pools, seed: int) -> None:
        self.pools = pools
        self.random = random.Random(seed)
        self.numbers: set[tuple[str, str, str]] = set(REAL_NUMBERS)
        self.clause_bytes = _mean_bytes(pools.clauses)
        self.point_bytes = _mean_bytes(pools.points)

    # --- planning ---------------------------------------------------------------

    def plan(self, count: int) -> list[Doc]:
        """``count`` documents in date order, each with its number, issuer and structure."""
        kinds = list(TYPES)
        weights = [TYPES[k][0] for k in kinds]
        docs: list[Doc] = []
        for _ in range(count):
            kind = self.random.choices(kinds, weights)[0]
            docs.append(self._plan_one(kind))
        docs.sort(key=lambda d: (d.date, d.kind, d.number))
        latest: dict[tuple[str, str], Doc] = {}
        for index, doc in enumerate(docs):
            doc.index = index
            if doc.kind in ("Luật", "Nghị định", "Thông tư"):
                key = (doc.kind, doc.name)
                if key in latest and self.random.random() < (0.9 if doc.kind == "Luật" else 0.3):
                    doc.replaces = latest[key]
                latest[key] = doc
        return docs

    def _date(self) -> str:
        """A date from 2016 to 2025, more of them recent, as libraries grow."""
        year = 2016 + min(9, int(10 * math.sqrt(self.random.random())))
        month, day = self.random.randint(1, 12), self.random.randint(1, 28)
        return f"{year:04d}-{month:02d}-{day:02d}"

    def _serial(self, issuer: str, code: str, year: str, low: int, high: int) -> int:
        """A serial number not yet used by this issuer for this kind of text in this year."""
        tries = 0
        while True:
            serial = self.random.randint(low, high)
            if (issuer + code, year, str(serial)) not in self.numbers:
                self.numbers.add((issuer + code, year, str(serial)))
                return serial
            tries += 1
            if tries % 50 == 0:  # a busy issuer: its numbers run higher
                high *= 2

    def _size(self, kind: str) -> int:
        _, median, sigma = TYPES[kind]
        return int(min(MAX_SIZE, max(MIN_SIZE, self.random.lognormvariate(math.log(median),
                                                                           sigma))))

    def _person(self) -> str:
        pick = self.random.choice
        return f"{pick(SURNAMES)} {pick(MIDDLE_NAMES)} {pick(GIVEN_NAMES)}"

    def _plan_one(self, kind: str) -> Doc:
        """A document of ``kind``: number, issuer, date, title, size, structure."""
        date = self._date()
        year = date[:4]
        size = self._size(kind)
        pick = self.random.choice
        if kind == "Luật":
            name = pick(LAW_NAMES)
            month = pick((6, 11))
            date = f"{year}-{month:02d}-{self.random.randint(10, 28):02d}"
            serial = self._serial("QH", "", year, 1, 120)
            number = f"{serial}/{year}/{_legislature(int(year), month)}"
            doc = Doc(0, kind, number, "Quốc hội", "Hà Nội", date, name, size,
                      signature=("CHỦ TỊCH QUỐC HỘI",), header_issuer="QUỐC HỘI")
        elif kind == "Nghị định":
            law = pick(LAW_NAMES)
            serial = self._serial("CP", "", year, 1, 180)
            title = pick((f"Quy định chi tiết một số điều của Luật {law}",
                          f"Quy định xử phạt vi phạm hành chính trong lĩnh vực {law.lower()}",
                          f"Hướng dẫn thi hành Luật {law} về bảo đảm an ninh mạng"))
            doc = Doc(0, kind, f"{serial}/{year}/NĐ-CP", "Chính phủ", "Hà Nội", date, title,
                      size, signature=("TM. CHÍNH PHỦ", "THỦ TƯỚNG"), header_issuer="CHÍNH PHỦ")
        elif kind == "Thông tư":
            issuer, header, code, title = pick(MINISTRIES)
            serial = self._serial(code, "TT", year, 1, 80)
            subject = pick(LAW_NAMES).lower()
            doc = Doc(0, kind, f"{serial:02d}/{year}/TT-{code}", issuer, "Hà Nội", date,
                      f"Quy định về bảo đảm an ninh mạng trong lĩnh vực {subject}", size,
                      signature=(title,), header_issuer=header)
        else:
            province = pick(PROVINCES)
            local = LOCAL_ISSUERS[0] if kind != "Kế hoạch" else pick(LOCAL_ISSUERS)
            prefix, code, signature = local
            level = "thành phố" if province in CITIES else "tỉnh"
            issuer = f"{prefix} {level} {province}"
            short = {"Kế hoạch": "KH", "Quyết định": "QĐ", "Chỉ thị": "CT"}[kind]
            high = {"KH": 400, "QĐ": 3500, "CT": 30}[short]
            serial = self._serial(issuer, short, year, 1, high)
            number = f"{serial:02d}/{short}-{code}" if short == "CT" else f"{serial}/{short}-{code}"
            topic = pick(LOCAL_TOPICS).format(p=province)
            title = {
                "Kế hoạch": f"Triển khai công tác {topic} năm {year}",
                "Quyết định": f"Ban hành Quy chế {topic}",
                "Chỉ thị": f"Về tăng cường công tác {topic}",
            }[kind]
            place = f"Thành phố {province}" if province in CITIES else province
            doc = Doc(0, kind, number, issuer, place, date, title, size, province=province,
                      topic=topic, signature=signature, header_issuer=issuer.upper())
        doc.signature = (*doc.signature, self._person())
        if kind in ("Luật", "Nghị định", "Thông tư"):
            doc.articles = self._structure(size)  # the last article, on effect, comes on top
        elif kind == "Quyết định":
            doc.articles = [[], [], []]
        return doc

    def _structure(self, size: int) -> list[list[int]]:
        """Articles (points per clause) whose text adds up to about ``size`` bytes."""
        articles: list[list[int]] = []
        total = 0
        while total < size or len(articles) < 4:
            if self.random.random() < 0.2:
                articles.append([])
                total += self.clause_bytes + 80
                continue
            clauses = [self.random.choice((0, 0, 0, 2, 3, 4, 5))
                       for _ in range(self.random.randint(1, 6))]
            articles.append(clauses)
            total += 80 + len(clauses) * self.clause_bytes + sum(clauses) * self.point_bytes
        return articles

    # --- citations --------------------------------------------------------------

    def _unit(self, doc: Doc) -> str:
        """A unit that exists in ``doc``: "điểm b khoản 2 Điều 8", "khoản 3 Điều 5", "Điều 4"."""
        number = self.random.randint(1, len(doc.articles))
        clauses = doc.articles[number - 1]
        if not clauses or self.random.random() < 0.3:
            return f"Điều {number}"
        clause = self.random.randint(1, len(clauses))
        if clauses[clause - 1] and self.random.random() < 0.4:
            point = POINT_LETTERS[self.random.randint(0, clauses[clause - 1] - 1)]
            return f"điểm {point} khoản {clause} Điều {number}"
        return f"khoản {clause} Điều {number}"

    def _real(self, date: str) -> str:
        """A citation of a real law issued before ``date``, often down to a clause."""
        laws = [r for r in (*self.pools.real_laws, *REAL_BY_NAME) if r.date < date]
        if not laws:
            return "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam"
        law = self.random.choice(laws)
        if law.clauses and self.random.random() < 0.7:
            article = self.random.choice(sorted(law.clauses))
            clauses = law.clauses[article]
            unit = f"khoản {self.random.randint(1, clauses)} Điều {article}" if clauses \
                else f"Điều {article}"
            return f"{unit} {law.citation}"
        return law.citation

    def cite(self, doc: Doc, earlier: list[Doc]) -> str:
        """A reference from ``doc`` to a document issued before it (or to a real law)."""
        if not earlier or self.random.random() < 0.15:
            return self._real(doc.date)
        same_province = [d for d in earlier[-400:] if d.province and d.province == doc.province]
        pool = same_province if same_province and self.random.random() < 0.5 else earlier
        target = self.random.choice(pool)
        if target.articles and target.kind != "Quyết định" and self.random.random() < 0.7:
            return f"{self._unit(target)} {target.cite()}"
        if target.kind == "Luật" and self.random.random() < 0.3:
            year, month, day = target.date.split("-")
            return f"Luật {target.name} ngày {int(day)}/{int(month)}/{year}"
        return target.cite()

    # --- writing ----------------------------------------------------------------

    def write(self, doc: Doc, earlier: list[Doc]) -> str:
        """The source text of ``doc``; ``earlier`` are the documents it may cite."""
        if doc.kind in ("Luật", "Nghị định", "Thông tư"):
            return self._central(doc, earlier)
        return self._local(doc, earlier)

    def _sentence(self, pool: list[str]) -> str:
        return self.random.choice(pool)

    def _self_reference(self, doc: Doc, articles: int, clauses: int) -> str:
        """A reference inside the document: "khoản 2 Điều này", "Điều 5 của Luật này"."""
        if clauses > 1 and self.random.random() < 0.5:
            return f"khoản {self.random.randint(1, clauses)} Điều này"
        return f"Điều {self.random.randint(1, articles)} của {doc.kind} này"

    def _clause_text(self, doc: Doc, earlier: list[Doc], articles: int, clauses: int) -> str:
        """A clause of a law: a real one, sometimes citing another text or another article.

        ``articles`` is 0 in a regulation attached to a decision, where "Điều này" would
        mean the decision's own article: no reference inside the text there.
        """
        sentence = _bare(self._sentence(self.pools.clauses))
        roll = self.random.random()
        if roll < 0.15:
            return f"{sentence} theo quy định tại {self.cite(doc, earlier)}."
        if roll < 0.2 and articles:
            return (f"{sentence}, trừ trường hợp quy định tại "
                    f"{self._self_reference(doc, articles, clauses)}.")
        return f"{sentence}."

    def _paragraph(self, doc: Doc, earlier: list[Doc]) -> str:
        """A paragraph of a plan: a real one, sometimes citing another text."""
        sentence = self._sentence(self.pools.plan_paragraphs)
        if self.random.random() < 0.3:
            return f"{_bare(sentence)} theo quy định tại {self.cite(doc, earlier)}."
        return sentence

    def _articles(self, doc: Doc, earlier: list[Doc], structure: list[list[int]],
                  attached: bool = False) -> list[str]:
        """Chương, Điều, khoản, điểm: one paragraph each, for ``structure``."""
        articles = 0 if attached else len(structure)
        paragraphs: list[str] = []
        per_chapter = max(3, len(structure) // self.random.randint(3, 7))
        for number, clauses in enumerate(structure, start=1):
            if (number - 1) % per_chapter == 0:
                chapter = ROMAN[min(len(ROMAN) - 1, (number - 1) // per_chapter)]
                paragraphs += [f"Chương {chapter}",
                               self._sentence(self.pools.chapter_titles).upper()]
            paragraphs.append(f"Điều {number}. {self._sentence(self.pools.article_headings)}")
            if not clauses:
                paragraphs.append(self._clause_text(doc, earlier, articles, 0))
            for clause, points in enumerate(clauses, start=1):
                if not points:
                    text = self._clause_text(doc, earlier, articles, len(clauses))
                    paragraphs.append(f"{clause}. {text}")
                    continue
                paragraphs.append(f"{clause}. {_bare(self._sentence(self.pools.clauses))}:")
                for point in range(points):
                    ending = "." if point == points - 1 else ";"
                    text = _bare(self._sentence(self.pools.points))
                    paragraphs.append(f"{POINT_LETTERS[point]}) {text}{ending}")
        return paragraphs

    def _effect_article(self, doc: Doc) -> list[str]:
        """The last article: when the text takes effect, and which text it replaces."""
        year, month, _ = (int(p) for p in doc.date.split("-"))
        start_year, start_month = year + (month + 2) // 12, (month + 2) % 12 + 1
        lines = [f"Điều {len(doc.articles) + 1}. Hiệu lực thi hành",
                 f"1. {doc.kind} này có hiệu lực thi hành từ ngày 01 tháng {start_month} "
                 f"năm {start_year}."]
        if doc.replaces is not None:
            old = doc.replaces
            name = f"Luật {old.name}" if old.kind == "Luật" else old.kind
            lines.append(f"2. {name} số {old.number} hết hiệu lực kể từ ngày {doc.kind} này có "
                         "hiệu lực thi hành.")
        return lines

    def _central(self, doc: Doc, earlier: list[Doc]) -> str:
        """A law, decree or circular, one paragraph per line as copied from an official page."""
        year, month, day = (int(p) for p in doc.date.split("-"))
        number_label = "Luật số" if doc.kind == "Luật" else "Số"
        lines = [doc.header_issuer, f"{number_label}: {doc.number}",
                 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
        if doc.kind == "Luật":
            lines += ["LUẬT", doc.name.upper(),
                      "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
                      f"Quốc hội ban hành Luật {doc.name}."]
        else:
            proposer = self.random.choice(MINISTRIES)[0].replace("Bộ", "Bộ trưởng Bộ", 1)
            enacting = "Chính phủ" if doc.kind == "Nghị định" else f"Bộ trưởng {doc.issuer}"
            lines += [f"Hà Nội, ngày {day} tháng {month} năm {year}", doc.kind.upper(), doc.name,
                      "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
                      *(f"Căn cứ {self.cite(doc, earlier)};"
                        for _ in range(self.random.randint(1, 3))),
                      f"Theo đề nghị của {proposer};",
                      f"{enacting} ban hành {doc.kind} {_lower_first(doc.name)}."]
        lines += self._articles(doc, earlier, doc.articles)
        lines += self._effect_article(doc)
        if doc.kind == "Luật":
            legislature = {"QH13": "XIII", "QH14": "XIV", "QH15": "XV"}[doc.number[-4:]]
            lines.append(f"Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa "
                         f"{legislature}, Kỳ họp thứ {self.random.randint(2, 10)} thông qua "
                         f"ngày {day} tháng {month} năm {year}.")
        else:
            lines += ["Nơi nhận:", "- Ban Bí thư Trung ương Đảng;", "- Văn phòng Quốc hội;",
                      "- Lưu: VT."]
        return "\n".join([*lines, *doc.signature]) + "\n"

    def _local(self, doc: Doc, earlier: list[Doc]) -> str:
        """A plan, decision or directive of a province, blank-line separated like the seeds."""
        year, month, day = (int(p) for p in doc.date.split("-"))
        blocks = [doc.header_issuer,
                  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
                  f"Số: {doc.number}", f"{doc.place}, ngày {day} tháng {month} năm {year}",
                  doc.kind.upper(), doc.name]
        if doc.kind == "Quyết định":
            blocks += [f"CHỦ TỊCH {doc.issuer.upper()}",
                       "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                       *(f"Căn cứ {self.cite(doc, earlier)};"
                         for _ in range(self.random.randint(2, 4))),
                       "QUYẾT ĐỊNH:",
                       f"Điều 1. Ban hành kèm theo Quyết định này Quy chế {doc.topic}.",
                       "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
                       "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Thủ trưởng các sở, ban, "
                       "ngành và Chủ tịch Ủy ban nhân dân các huyện chịu trách nhiệm thi hành "
                       "Quyết định này./."]
        else:
            cited = ", ".join(self.cite(doc, earlier) for _ in range(self.random.randint(1, 3)))
            blocks.append(f"Thực hiện {cited}; {doc.issuer} ban hành {doc.kind} "
                          f"{_lower_first(doc.name)}, cụ thể như sau:")
        if doc.kind == "Kế hoạch":
            blocks += self._plan_body(doc, earlier)
        elif doc.kind == "Chỉ thị":
            blocks += self._directive_body(doc, earlier)
        blocks += ["Nơi nhận:", "- Như trên;\n- Thường trực Tỉnh ủy;\n- Lưu: VT.",
                   "\n".join(doc.signature[:-1]), doc.signature[-1]]
        if doc.kind == "Quyết định":
            blocks += ["QUY CHẾ", _upper_first(doc.topic),
                       f"(Ban hành kèm theo Quyết định số {doc.number} ngày {day}/{month}/{year} "
                       f"của {doc.issuer})"]
            blocks += self._articles(doc, earlier, self._structure(doc.size - 2_500),
                                     attached=True)
        return "\n\n".join(blocks) + "\n"

    def _plan_body(self, doc: Doc, earlier: list[Doc]) -> list[str]:
        """I. purposes (bullets), II. tasks (items, sub-items), III. funding, IV. organisation."""
        blocks: list[str] = []
        share = (doc.size - 1_500) / 4
        for index, title in enumerate(PLAN_SECTIONS):
            blocks.append(f"{ROMAN[index]}. {title}")
            budget = share * (2.2 if index == 1 else 0.6)
            spent = 0
            item = 0
            while spent < budget:
                item += 1
                heading = self._sentence(self.pools.plan_headings)
                blocks.append(f"{item}. {heading}")
                if index == 0:
                    bullets = "\n".join(f"- {self._sentence(self.pools.plan_bullets)}"
                                        for _ in range(self.random.randint(2, 4)))
                    blocks.append(bullets)
                    spent += len(bullets.encode())
                    continue
                for sub in range(self.random.randint(0, 3)):
                    text = self._paragraph(doc, earlier)
                    blocks.append(f"{POINT_LETTERS[sub]}) {text}")
                    spent += len(text.encode())
                text = self._paragraph(doc, earlier)
                blocks.append(text)
                spent += len(text.encode()) + len(heading.encode())
        return blocks

    def _directive_body(self, doc: Doc, earlier: list[Doc]) -> list[str]:
        """Two paragraphs on the situation, then numbered tasks."""
        blocks = [self._paragraph(doc, earlier) for _ in range(2)]
        spent = sum(len(b.encode()) for b in blocks)
        item = 0
        while spent < doc.size - 1_500:
            item += 1
            text = self._paragraph(doc, earlier)
            blocks.append(f"{item}. {text}")
            spent += len(text.encode())
        return blocks


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _mean_bytes(texts: list[str]) -> int:
    return sum(len(t.encode()) for t in texts) // max(1, len(texts))


def _meta(doc: Doc) -> dict:
    """What the manifest adds for a synthetic text, as ``sources.yml`` does for the seeds."""
    field_name = {"Luật": "Công nghệ thông tin", "Nghị định": "An ninh mạng"}.get(
        doc.kind, "An ninh mạng")
    meta: dict = {"co_quan_ban_hanh": doc.issuer, "linh_vuc": [field_name]}
    if doc.province:
        meta["tags"] = [doc.province]
    return meta


def real_entries() -> list[dict]:
    """The entries of the repository's ``sources.yml`` with absolute source paths."""
    data = yaml.safe_load(SOURCES_YML.read_text(encoding="utf-8"))
    root = (SOURCES_YML.parent / data["root"]).resolve()
    return [{"source": str(root / e["source"]), "meta": e.get("meta") or {}}
            for e in data["documents"]]


def generate(total: int, out: Path, corpus: Path = DEFAULT_CORPUS, seed: int = DEFAULT_SEED,
             into: str = "project/docs/van-ban") -> Path:
    """Write the sources and ``manifest.yml`` of a library of ``total`` documents into ``out``.

    The manifest lists the real texts first; its ``into`` is relative to ``out``.
    Returns the manifest's path.
    """
    real = real_entries()
    generator = Generator(Pools.load(corpus), seed)
    docs = generator.plan(max(0, total - len(real)))
    sources = out / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    for stale in sources.glob("*.txt"):
        stale.unlink()
    entries = list(real)
    for doc in docs:
        text = generator.write(doc, docs[: doc.index])
        (sources / doc.file_name).write_text(text, encoding="utf-8")
        entries.append({"source": doc.file_name, "meta": _meta(doc)})
    manifest = out / "manifest.yml"
    header = (f"# Synthetic library of {total} documents (bench/generate.py, seed {seed}).\n"
              "# Real texts are listed with absolute paths; the rest lie under root.\n")
    body = yaml.safe_dump({"root": "sources", "into": into, "documents": entries},
                          allow_unicode=True, sort_keys=False, width=100)
    manifest.write_text(header + body, encoding="utf-8")
    return manifest


def main() -> None:
    """``python bench/generate.py N``: the library alone, to look at or to import by hand."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="documents in the library (real ones included)")
    parser.add_argument("--out", type=Path, default=None, help="default: bench/work/COUNT")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    out = args.out or Path(__file__).parent / "work" / str(args.count)
    manifest = generate(args.count, out, args.corpus, args.seed)
    sizes = [p.stat().st_size for p in (out / "sources").glob("*.txt")]
    print(f"{manifest}: {len(sizes)} synthetic sources, "
          f"mean {sum(sizes) / max(1, len(sizes)) / 1024:.1f} KB, "
          f"total {sum(sizes) / 1024 / 1024:.1f} MB")


if __name__ == "__main__":
    main()
