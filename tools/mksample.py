#!/usr/bin/env python3
"""mksample: writes the bundled sample province, "tỉnh Sơn Lâm" (code H99), under
content/sample/.

Everything here is FICTIONAL sample data for the demo site: the province, its communes, its
officials, every score, every dossier. The names of the 34 real provinces in the national
table are real, their scores are not. No citizen appears anywhere: late dossiers carry only
the one-stop system's dossier number, never a name, ID number, phone or address.

The output is deterministic: every random choice comes from a random.Random seeded with a
fixed string naming what it is for (seeding with a str hashes it with SHA-512, independent of
PYTHONHASHSEED), nothing reads the clock, and nothing iterates a set. Running this twice gives
byte-identical files. Standard library only.

    python3 tools/mksample.py [OUTDIR]      (default: content/sample next to tools/)

Files, one per month 2025-10 .. 2026-10 (the format is README.md, "Input formats"):
    diem/YYYY-MM.csv      scores of the province, its 20 departments and 100 communes
    quoc-gia/YYYY-MM.csv  the national table: the 34 provinces plus Sơn Lâm (35 rows)
    thu-tuc/YYYY-MM.csv   the procedure catalogue with guide fields and dossier counts
    tre-han/YYYY-MM.csv   late dossiers with the unit, official, reason and apology
The generator checks what it writes (sums, maxima, unique keys, coherent dates) and stops
with an AssertionError naming the problem.
"""

import csv
import datetime as dt
import io
import math
import os
import random
import re
import sys

SEED = "son-lam-2025"
PROVINCE_CODE = "H99"
PROVINCE_NAME = "Tỉnh Sơn Lâm"
FIRST_MONTH = (2025, 10)
NMONTHS = 13
# Decision 766/QĐ-TTg: code, maximum points. CLGQ is online service, TTTT online payment.
GROUPS = [("CKMB", 18), ("TDGQ", 20), ("CLGQ", 12), ("TTTT", 10), ("MDHL", 18), ("MDSH", 22)]
GMAX = {g: m * 100 for g, m in GROUPS}          # hundredths
CENTRE = ("Trung tâm Phục vụ hành chính công tỉnh Sơn Lâm, số 1 đường Hùng Vương, "
          "phường Sơn Lâm, tỉnh Sơn Lâm")
DVC_URL = "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc="


def rng(*parts):
    """A generator of its own for each purpose, so that changing one part of the data does
    not shift every random number drawn after it."""
    return random.Random(":".join([SEED] + [str(p) for p in parts]))


def months():
    y, m = FIRST_MONTH
    out = []
    for _ in range(NMONTHS):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def ym(mo):
    return "%04d-%02d" % mo


def month_first(mo):
    return dt.date(mo[0], mo[1], 1)


def month_last(mo):
    y, m = mo
    nxt = dt.date(y + 1, 1, 1) if m == 12 else dt.date(y, m + 1, 1)
    return nxt - dt.timedelta(days=1)


def centi(v):
    """Hundredths as the shortest decimal: 1800 -> 18, 1950 -> 19.5, 925 -> 9.25."""
    assert v >= 0
    s = "%d.%02d" % (v // 100, v % 100)
    return s.rstrip("0").rstrip(".")


def dmy(d):
    return d.strftime("%d/%m/%Y") if d else ""


# --------------------------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------------------------

# The departments, sectors and vertical agencies after the mergers of 2025. H99.01 is the
# Department of Justice, as in README.md's example row. (code suffix, name, level in points
# in October 2025, change per month)
DEPARTMENTS = [
    ("01", "Sở Tư pháp", 93.0, 0.10),
    ("02", "Sở Nội vụ", 86.0, 0.35),
    ("03", "Sở Tài chính", 88.0, 0.15),
    ("04", "Sở Xây dựng", 84.0, -0.45),        # worsening: the licensing backlog
    ("05", "Sở Nông nghiệp và Môi trường", 78.0, 0.70),   # land: weak, improving
    ("06", "Sở Công Thương", 91.0, 0.05),
    ("07", "Sở Y tế", 85.5, 0.25),
    ("08", "Sở Giáo dục và Đào tạo", 87.0, 0.20),
    ("09", "Sở Văn hóa, Thể thao và Du lịch", 90.5, -0.10),
    ("10", "Sở Khoa học và Công nghệ", 89.0, 0.30),
    ("11", "Sở Dân tộc và Tôn giáo", 91.5, 0.00),
    ("12", "Sở Ngoại vụ", 94.0, 0.05),
    ("13", "Văn phòng UBND tỉnh", 92.5, 0.05),
    ("14", "Thanh tra tỉnh", 66.0, 0.85),     # the poor one, climbing
    ("15", "Ban Quản lý các khu công nghiệp", 95.0, 0.02),
    ("16", "Công an tỉnh", 89.5, 0.25),
    ("17", "Bộ Chỉ huy Quân sự tỉnh", 88.5, 0.10),
    ("18", "Bảo hiểm xã hội tỉnh", 92.0, 0.10),
    ("19", "Thuế tỉnh Sơn Lâm", 90.0, 0.20),
    ("20", "Công ty Điện lực Sơn Lâm", 93.5, -0.05),
]

WARDS = ["Sơn Lâm", "Đồng Tiến", "Quang Trung", "Hoàng Văn Thụ", "Minh Khai", "Trần Phú",
         "Tân Thịnh", "Phú Xá", "Hùng Vương", "Nguyễn Trãi", "Bắc Sơn", "Thống Nhất",
         "Chiến Thắng", "Lê Lợi", "Hòa Bình"]
LOWLAND = ["Tân Lập", "Tân Tiến", "Hợp Thành", "Đồng Tâm", "Quyết Thắng", "Thanh Bình",
           "Phú Lương", "Yên Lạc", "Đại Đồng", "Xuân Phương", "Minh Đức", "Hòa Sơn",
           "Vĩnh Thịnh", "Hưng Đạo", "Thịnh Đức", "Phúc Thuận", "Kim Sơn", "Lương Sơn",
           "Thái Hòa", "Hồng Phong", "Cẩm Giang", "Lạc Thủy", "An Thịnh", "Bình Xuyên",
           "Tam Dương", "Phú Cường", "Đông Thành", "Nghĩa Hưng", "Tiên Phong", "Quang Minh",
           "Hương Sơn", "Văn Lang", "Vạn Phúc", "Liên Sơn", "Đức Thắng", "Cao Minh",
           "Thuận Thành", "Ngọc Thanh", "Kim Long", "Trung Hà", "Sơn Dương", "Hoàng Long",
           "Thượng Lâm", "Hạ Hòa", "Đạo Trù", "Yên Bình", "Phù Ninh", "Cự Thắng",
           "Mỹ Lương", "Tân Hương", "Xuân Quang", "Đông Sơn", "Ninh Lai", "Trung Sơn",
           "Hòa Phú"]
MOUNTAIN = ["Nậm Mười", "Pà Cò", "Mường Lạn", "Bản Lìn", "Sín Chải", "Tả Phìn", "Hồng Ngài",
            "Chiềng Sại", "Nà Khương", "Phìn Hồ", "Pắc Ngà", "Mường Chanh", "Nậm Khắt",
            "Lao Chải", "Háng Đồng", "Tà Xùa", "Khao Mang", "Mù Cang", "Nậm Có", "Púng Luông",
            "Na Hối", "Bản Phố", "Lùng Phình", "Thèn Phìn", "Pả Vi", "Lũng Hồ", "Co Mạ",
            "Chiềng Khoa", "Mường Bú", "Xím Vàng"]


class Unit:
    def __init__(self, code, name, tier, base, trend, mountain=False):
        self.code, self.name, self.tier = code, name, tier
        self.base, self.trend, self.mountain = base, trend, mountain
        self.scores = {}        # month -> {group: hundredths}


def make_units():
    r = rng("units")
    units = []
    for suffix, name, base, trend in DEPARTMENTS:
        units.append(Unit("%s.%s" % (PROVINCE_CODE, suffix), name, "so-nganh", base, trend))
    # Communes: wards first, then lowland and mountain communes interleaved as a province's
    # list would be after the mergers (by former district).
    names = [("Phường " + n, False) for n in WARDS]
    low, mnt = list(LOWLAND), list(MOUNTAIN)
    while low or mnt:
        for _ in range(2):
            if low:
                names.append(("Xã " + low.pop(0), False))
        if mnt:
            names.append(("Xã " + mnt.pop(0), True))
    assert len(names) == 100, len(names)
    for i, (name, mountain) in enumerate(names):
        base = r.gauss(80.5, 6.0)
        if name.startswith("Phường"):
            base += 4.0
        if mountain:
            base -= 5.0
        base = min(94.0, max(58.0, base))
        # Weaker communes have more room to improve (and more attention from the province).
        trend = r.gauss(0.40, 0.30) * (96.0 - base) / 14.0
        units.append(Unit("%s.%d" % (PROVINCE_CODE, 100 + i), name, "xa-phuong", base, trend,
                          mountain))
    # A few poor communes, one that collapses mid-year and one that recovers sharply.
    by_name = {u.name: u for u in units}
    for n, base, trend in [("Xã Mù Cang", 52.0, 0.3), ("Xã Khao Mang", 50.0, 0.6),
                           ("Xã Đạo Trù", 61.0, -0.6), ("Xã Xím Vàng", 48.0, 1.4),
                           ("Xã Pả Vi", 54.0, 0.0), ("Phường Phú Xá", 93.0, 0.05)]:
        by_name[n].base, by_name[n].trend = base, trend
    return units


# Offsets of each group's fill rate against the unit's overall level: transparency and
# satisfaction are usually full, online payment and digitisation lag (as in real tables).
GROUP_OFFSET = {"CKMB": 0.10, "TDGQ": 0.07, "CLGQ": -0.03, "TTTT": -0.06, "MDHL": 0.09,
                "MDSH": -0.09}
# Departments' scores come in coarser steps (few dossiers): quarter points for these groups.
DEPT_QUARTER = ("CKMB", "MDHL", "TTTT")


def score_units(units, mos):
    for u in units:
        r = rng("scores", u.code)
        dev = 0.0
        shock = {}
        if u.name == "Xã Đạo Trù":
            shock = {6: -9.0, 7: -6.0}          # the software failure of April 2026
        if u.code == "H99.04":
            shock = {4: -4.0}
        for i, mo in enumerate(mos):
            dev = 0.55 * dev + r.gauss(0.0, 1.3 if u.tier == "xa-phuong" else 0.9)
            level = (u.base + u.trend * i + dev + shock.get(i, 0.0)) / 100.0
            row = {}
            for g, gmax in GROUPS:
                f = level + GROUP_OFFSET[g] + r.gauss(0.0, 0.025)
                if u.mountain and g == "TTTT":
                    f -= 0.22 + r.random() * 0.06       # weak online payment in the uplands
                if u.mountain and g == "CLGQ":
                    f -= 0.08
                f = min(1.0, max(0.15, f))
                v = int(round(f * gmax * 100))
                if u.tier == "so-nganh" and g in DEPT_QUARTER:
                    v = int(round(v / 25.0)) * 25
                row[g] = min(v, GMAX[g])
            u.scores[mo] = row


def total(row):
    return sum(row[g] for g, _ in GROUPS)


COUNT_HEADER = ["Tiếp nhận", "Đúng hạn", "Trực tuyến", "Có phí", "Thanh toán trực tuyến",
                "Số hóa"]


def unit_counts(u, mo, row):
    """Dossier counts behind the rates the province tracks, in line with the unit's group
    scores: on-time with TDGQ, online with CLGQ, paid online with TTTT, digitised with MDSH."""
    r = rng("counts", u.code, ym(mo))
    received = int(r.uniform(150, 2600) if u.tier == "so-nganh" else r.uniform(250, 2200))
    if mo[1] == 2:
        received = received * 7 // 10                     # Tết
    def share(v, gmax, scale, noise):
        return min(1.0, max(0.0, v / gmax * scale + r.gauss(0.0, noise)))
    on_time = int(round(received * min(1.0, share(row["TDGQ"], 2000, 1.0, 0.01) + 0.02)))
    online = int(round(received * share(row["CLGQ"], 1200, 0.75, 0.05)))
    fee_due = int(round(received * r.uniform(0.45, 0.65)))
    paid = int(round(fee_due * share(row["TTTT"], 1000, 0.55, 0.04)))
    digitised = int(round(received * share(row["MDSH"], 2200, 0.8, 0.05)))
    return [str(received), str(on_time), str(online), str(fee_due), str(paid), str(digitised)]


def force_ties(units, mos):
    """Equal totals in the same tier in some months, so that rankings must handle ties:
    the lower of two neighbours is raised (or the higher lowered) by the difference."""
    plan = {"so-nganh": (2, 5, 9, 12), "xa-phuong": (1, 4, 7, 8, 11)}
    for tier, idxs in plan.items():
        tier_units = [u for u in units if u.tier == tier]
        for i in idxs:
            mo = mos[i]
            ranked = sorted(tier_units, key=lambda u: (-total(u.scores[mo]), u.code))
            totals = [total(u.scores[mo]) for u in ranked]
            if len(set(totals)) < len(totals):
                continue
            start = 3 + i % 5
            for k in range(start, len(ranked) - 1):
                hi, lo = ranked[k], ranked[k + 1]
                d = total(hi.scores[mo]) - total(lo.scores[mo])
                if 0 < d <= 150 and _shift(lo.scores[mo], d):
                    break


def _shift(row, d):
    for g in ("MDSH", "TDGQ", "CLGQ"):      # groups kept in hundredths for every tier
        if row[g] + d <= GMAX[g]:
            row[g] += d
            return True
    return False


def province_row(units, mo):
    """The province's own score: the mean of its units' group scores, to the hundredth."""
    row = {}
    for g, _ in GROUPS:
        vals = [u.scores[mo][g] for u in units]
        row[g] = (sum(vals) * 2 + len(vals)) // (2 * len(vals))     # round half up
    return row


# --------------------------------------------------------------------------------------------
# The national table
# --------------------------------------------------------------------------------------------

# The 34 provinces and cities from 1 July 2025. Codes follow the portal's legacy numbering of
# the 63 former provinces in alphabetical order, kept by the province whose name survived
# (An Giang H01 and Phú Thọ H44 match real answers; the others are best guesses).
PROVINCES = [
    ("H01", "Tỉnh An Giang"), ("H06", "Tỉnh Bắc Ninh"), ("H12", "Tỉnh Cà Mau"),
    ("H13", "Thành phố Cần Thơ"), ("H14", "Tỉnh Cao Bằng"), ("H15", "Thành phố Đà Nẵng"),
    ("H16", "Tỉnh Đắk Lắk"), ("H18", "Tỉnh Điện Biên"), ("H19", "Tỉnh Đồng Nai"),
    ("H20", "Tỉnh Đồng Tháp"), ("H21", "Tỉnh Gia Lai"), ("H24", "Thành phố Hà Nội"),
    ("H25", "Tỉnh Hà Tĩnh"), ("H27", "Thành phố Hải Phòng"),
    ("H30", "Thành phố Hồ Chí Minh"), ("H31", "Tỉnh Hưng Yên"), ("H32", "Tỉnh Khánh Hòa"),
    ("H35", "Tỉnh Lai Châu"), ("H36", "Tỉnh Lâm Đồng"), ("H37", "Tỉnh Lạng Sơn"),
    ("H38", "Tỉnh Lào Cai"), ("H41", "Tỉnh Nghệ An"), ("H42", "Tỉnh Ninh Bình"),
    ("H44", "Tỉnh Phú Thọ"), ("H48", "Tỉnh Quảng Ngãi"), ("H49", "Tỉnh Quảng Ninh"),
    ("H50", "Tỉnh Quảng Trị"), ("H52", "Tỉnh Sơn La"), ("H53", "Tỉnh Tây Ninh"),
    ("H55", "Tỉnh Thái Nguyên"), ("H56", "Tỉnh Thanh Hóa"), ("H57", "Thành phố Huế"),
    ("H60", "Tỉnh Tuyên Quang"), ("H61", "Tỉnh Vĩnh Long"),
]


def national_rows(mos, prov_rows):
    out = {mo: [] for mo in mos}
    for code, name in PROVINCES:
        r = rng("national", code)
        base = min(92.0, max(76.0, r.gauss(83.2, 3.4)))
        trend = r.gauss(0.10, 0.2)
        dev = 0.0
        for i, mo in enumerate(mos):
            dev = 0.5 * dev + r.gauss(0.0, 0.8)
            level = (base + trend * i + dev) / 100.0
            row = {}
            for g, gmax in GROUPS:
                f = min(1.0, max(0.3, level + GROUP_OFFSET[g] * 0.8 + r.gauss(0.0, 0.015)))
                row[g] = min(GMAX[g], int(round(f * gmax * 100)))
            out[mo].append((code, name, row))
    for mo in mos:
        out[mo].append((PROVINCE_CODE, PROVINCE_NAME, prov_rows[mo]))
        out[mo].sort(key=lambda t: t[0])
    return out


# --------------------------------------------------------------------------------------------
# Procedures
# --------------------------------------------------------------------------------------------

# Per field: the department that publishes it (Cơ quan công khai), who handles the commune-
# tier ones ("xa" = the commune's one-stop desk, or a department's code), who may apply, the
# legal basis, extra documents, the usual fee and time, the commune official's role.
FIELDS = {
    "Hộ tịch": dict(agency="01", xa="xa", who="Công dân Việt Nam; người nước ngoài thường trú tại Việt Nam",
                    legal=["Luật Hộ tịch năm 2014", "Nghị định số 123/2015/NĐ-CP của Chính phủ",
                           "Thông tư số 04/2020/TT-BTP của Bộ Tư pháp"],
                    docs=["Giấy tờ chứng minh nơi cư trú trong trường hợp thông tin chưa có trong Cơ sở dữ liệu quốc gia về dân cư"],
                    fee="Miễn lệ phí", days=3, role="công chức Tư pháp - Hộ tịch", decision=(1412, "18/07/2025")),
    "Chứng thực": dict(agency="01", xa="xa", who="Cá nhân, tổ chức",
                       legal=["Nghị định số 23/2015/NĐ-CP của Chính phủ", "Thông tư số 01/2020/TT-BTP của Bộ Tư pháp"],
                       docs=["Giấy tờ tùy thân còn giá trị sử dụng của người yêu cầu chứng thực"],
                       fee="50.000 đồng/trường hợp", days=2, role="công chức Tư pháp - Hộ tịch", decision=(1412, "18/07/2025")),
    "Lý lịch tư pháp": dict(agency="16", xa="16", who="Công dân Việt Nam; người nước ngoài đã hoặc đang cư trú tại Việt Nam",
                            legal=["Luật Lý lịch tư pháp năm 2009", "Nghị định số 111/2010/NĐ-CP của Chính phủ"],
                            docs=[], fee="200.000 đồng/lần", days=10, role="", decision=(1530, "01/08/2025")),
    "Bổ trợ tư pháp": dict(agency="01", xa="xa", who="Tổ chức, cá nhân",
                           legal=["Luật Công chứng năm 2024", "Luật Luật sư năm 2006, sửa đổi, bổ sung năm 2012"],
                           docs=["Bản sao giấy tờ chứng minh đủ điều kiện hành nghề"],
                           fee="500.000 đồng/hồ sơ", days=10, role="", decision=(1412, "18/07/2025")),
    "Quốc tịch": dict(agency="01", xa="xa", who="Cá nhân",
                      legal=["Luật Quốc tịch Việt Nam năm 2008, sửa đổi, bổ sung năm 2025", "Nghị định số 16/2020/NĐ-CP của Chính phủ"],
                      docs=["Bản sao giấy tờ chứng minh quốc tịch"], fee="2.500.000 đồng/trường hợp", days=20, role="",
                      decision=(1412, "18/07/2025")),
    "Trợ giúp pháp lý": dict(agency="01", xa="xa", who="Người được trợ giúp pháp lý theo quy định",
                             legal=["Luật Trợ giúp pháp lý năm 2017"], docs=["Giấy tờ chứng minh thuộc diện được trợ giúp pháp lý"],
                             fee="Miễn phí", days=3, role="", decision=(1412, "18/07/2025")),
    "Cư trú": dict(agency="16", xa="16", who="Công dân Việt Nam",
                   legal=["Luật Cư trú năm 2020", "Nghị định số 154/2024/NĐ-CP của Chính phủ",
                          "Thông tư số 75/2022/TT-BTC của Bộ Tài chính về lệ phí đăng ký cư trú"],
                   docs=["Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp"], fee="Miễn lệ phí", days=7,
                   role="Công an xã", decision=(1530, "01/08/2025")),
    "Căn cước, xuất nhập cảnh": dict(agency="16", xa="16", who="Công dân Việt Nam",
                                     legal=["Luật Căn cước năm 2023", "Luật Xuất cảnh, nhập cảnh của công dân Việt Nam năm 2019"],
                                     docs=["Ảnh chân dung theo quy định (trường hợp nộp trực tiếp được chụp tại chỗ)"],
                                     fee="Theo Thông tư của Bộ Tài chính", days=7, role="Công an xã", decision=(1530, "01/08/2025")),
    "Đường bộ": dict(agency="16", xa="16", who="Cá nhân, tổ chức",
                     legal=["Luật Trật tự, an toàn giao thông đường bộ năm 2024", "Thông tư số 12/2025/TT-BCA của Bộ Công an"],
                     docs=["Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp"],
                     fee="135.000 đồng/lần", days=7, role="Công an xã", decision=(1530, "01/08/2025")),
    "Đất đai": dict(agency="05", xa="xa", who="Hộ gia đình, cá nhân, tổ chức sử dụng đất",
                    legal=["Luật Đất đai năm 2024", "Nghị định số 101/2024/NĐ-CP của Chính phủ",
                           "Nghị định số 151/2025/NĐ-CP của Chính phủ",
                           "Nghị quyết của HĐND tỉnh Sơn Lâm về phí, lệ phí trong lĩnh vực đất đai"],
                    docs=["Giấy chứng nhận đã cấp hoặc giấy tờ về quyền sử dụng đất (nếu có)",
                          "Mảnh trích đo bản đồ địa chính thửa đất (nếu có)"],
                    fee="Lệ phí cấp Giấy chứng nhận: 30.000 đồng/giấy; phí thẩm định hồ sơ theo Nghị quyết của HĐND tỉnh",
                    days=10, role="công chức Địa chính - Xây dựng", decision=(1388, "15/07/2025")),
    "Môi trường": dict(agency="05", xa="xa", who="Tổ chức, cá nhân có dự án, cơ sở sản xuất, kinh doanh",
                       legal=["Luật Bảo vệ môi trường năm 2020", "Nghị định số 08/2022/NĐ-CP của Chính phủ",
                              "Nghị định số 05/2025/NĐ-CP của Chính phủ"],
                       docs=["Báo cáo đề xuất cấp giấy phép môi trường theo mẫu"],
                       fee="Theo Nghị quyết của HĐND tỉnh", days=20, role="công chức Địa chính - Xây dựng",
                       decision=(1388, "15/07/2025")),
    "Tài nguyên nước, khoáng sản": dict(agency="05", xa="xa", who="Tổ chức, cá nhân",
                                        legal=["Luật Tài nguyên nước năm 2023", "Luật Địa chất và khoáng sản năm 2024"],
                                        docs=["Bản đồ khu vực và vị trí công trình khai thác"],
                                        fee="Theo Thông tư của Bộ Tài chính", days=25, role="", decision=(1388, "15/07/2025")),
    "Nông nghiệp": dict(agency="05", xa="xa", who="Tổ chức, cá nhân sản xuất, kinh doanh nông, lâm, thủy sản",
                        legal=["Luật Trồng trọt năm 2018", "Luật Chăn nuôi năm 2018", "Luật Lâm nghiệp năm 2017",
                               "Luật Thủy sản năm 2017"],
                        docs=["Bản thuyết minh về điều kiện cơ sở vật chất, trang thiết bị"],
                        fee="Theo Thông tư số 44/2018/TT-BTC của Bộ Tài chính", days=10,
                        role="chuyên viên Phòng Kinh tế", decision=(1388, "15/07/2025")),
    "Xây dựng": dict(agency="04", xa="xa", who="Chủ đầu tư (tổ chức, hộ gia đình, cá nhân)",
                     legal=["Luật Xây dựng năm 2014, sửa đổi, bổ sung năm 2020", "Nghị định số 175/2024/NĐ-CP của Chính phủ"],
                     docs=["Bản sao giấy tờ chứng minh quyền sử dụng đất", "Bản vẽ thiết kế xây dựng"],
                     fee="150.000 đồng/giấy phép", days=15, role="công chức Địa chính - Xây dựng",
                     decision=(1401, "17/07/2025")),
    "Nhà ở": dict(agency="04", xa="xa", who="Hộ gia đình, cá nhân thuộc đối tượng được hỗ trợ",
                  legal=["Luật Nhà ở năm 2023", "Nghị định số 100/2024/NĐ-CP của Chính phủ"],
                  docs=["Giấy tờ chứng minh đối tượng và điều kiện được hưởng chính sách"],
                  fee="Không", days=20, role="công chức Địa chính - Xây dựng", decision=(1401, "17/07/2025")),
    "Giao thông vận tải": dict(agency="04", xa="xa", who="Tổ chức, cá nhân kinh doanh vận tải",
                               legal=["Luật Đường bộ năm 2024", "Nghị định số 158/2024/NĐ-CP của Chính phủ"],
                               docs=["Bản sao giấy tờ về phương tiện"], fee="200.000 đồng/giấy phép", days=5,
                               role="công chức Địa chính - Xây dựng", decision=(1401, "17/07/2025")),
    "Đăng ký kinh doanh": dict(agency="03", xa="xa", who="Cá nhân, thành viên hộ gia đình, doanh nghiệp",
                               legal=["Luật Doanh nghiệp năm 2020", "Nghị định số 168/2025/NĐ-CP của Chính phủ về đăng ký doanh nghiệp"],
                               docs=["Bản sao giấy tờ pháp lý của cá nhân đối với người đại diện theo pháp luật"],
                               fee="50.000 đồng/lần; miễn lệ phí khi đăng ký qua mạng thông tin điện tử", days=3,
                               role="chuyên viên Phòng Kinh tế", decision=(1395, "16/07/2025")),
    "Đầu tư": dict(agency="03", xa="xa", who="Nhà đầu tư trong nước, nhà đầu tư nước ngoài",
                   legal=["Luật Đầu tư năm 2020", "Nghị định số 31/2021/NĐ-CP của Chính phủ"],
                   docs=["Đề xuất dự án đầu tư", "Bản sao tài liệu chứng minh năng lực tài chính của nhà đầu tư"],
                   fee="Không", days=15, role="chuyên viên Phòng Kinh tế", decision=(1395, "16/07/2025")),
    "Tài chính": dict(agency="03", xa="xa", who="Cơ quan, đơn vị sử dụng ngân sách nhà nước",
                      legal=["Luật Ngân sách nhà nước năm 2015", "Nghị định số 99/2021/NĐ-CP của Chính phủ"],
                      docs=["Văn bản đề nghị của cơ quan, đơn vị"], fee="Không", days=10,
                      role="chuyên viên Phòng Kinh tế", decision=(1395, "16/07/2025")),
    "Giáo dục": dict(agency="08", xa="xa", who="Học sinh, cha mẹ học sinh, cơ sở giáo dục",
                     legal=["Luật Giáo dục năm 2019", "Nghị định số 125/2024/NĐ-CP của Chính phủ"],
                     docs=["Bản sao giấy khai sinh hoặc giấy tờ tùy thân của học sinh"], fee="Không", days=5,
                     role="công chức Văn hóa - Xã hội", decision=(1420, "21/07/2025")),
    "Lao động, việc làm": dict(agency="02", xa="xa", who="Người lao động, người sử dụng lao động",
                               legal=["Bộ luật Lao động năm 2019", "Luật Việc làm năm 2025", "Nghị định số 219/2025/NĐ-CP của Chính phủ"],
                               docs=["Giấy chứng nhận sức khỏe", "Văn bản chấp thuận nhu cầu sử dụng người lao động nước ngoài"],
                               fee="600.000 đồng/giấy phép", days=5, role="công chức Văn hóa - Xã hội",
                               decision=(1433, "23/07/2025")),
    "Nội vụ": dict(agency="02", xa="xa", who="Cá nhân, tổ chức",
                   legal=["Luật Thi đua, khen thưởng năm 2022", "Nghị định số 126/2024/NĐ-CP của Chính phủ về tổ chức, hoạt động và quản lý hội"],
                   docs=["Tờ trình, báo cáo thành tích hoặc hồ sơ theo quy định"], fee="Không", days=20,
                   role="công chức Văn phòng - Thống kê", decision=(1433, "23/07/2025")),
    "Người có công": dict(agency="02", xa="xa", who="Người có công với cách mạng và thân nhân",
                          legal=["Pháp lệnh Ưu đãi người có công với cách mạng năm 2020", "Nghị định số 131/2021/NĐ-CP của Chính phủ"],
                          docs=["Bản sao giấy tờ chứng minh quan hệ với người có công"], fee="Không", days=12,
                          role="công chức Văn hóa - Xã hội", decision=(1433, "23/07/2025")),
    "Bảo trợ xã hội": dict(agency="07", xa="xa", who="Đối tượng bảo trợ xã hội và gia đình",
                           legal=["Nghị định số 20/2021/NĐ-CP của Chính phủ", "Nghị định số 76/2024/NĐ-CP của Chính phủ",
                                  "Luật Người khuyết tật năm 2010"],
                           docs=["Tờ khai đề nghị trợ giúp xã hội theo mẫu"], fee="Không", days=15,
                           role="công chức Văn hóa - Xã hội", decision=(1440, "24/07/2025")),
    "Y tế": dict(agency="07", xa="xa", who="Cá nhân, cơ sở khám bệnh, chữa bệnh, cơ sở kinh doanh",
                 legal=["Luật Khám bệnh, chữa bệnh năm 2023", "Nghị định số 96/2023/NĐ-CP của Chính phủ", "Luật Dược năm 2016"],
                 docs=["Bản sao văn bằng chuyên môn", "Giấy chứng nhận đủ sức khỏe hành nghề"],
                 fee="Phí thẩm định: 360.000 đồng/hồ sơ", days=20, role="công chức Văn hóa - Xã hội",
                 decision=(1440, "24/07/2025")),
    "An toàn thực phẩm": dict(agency="07", xa="xa", who="Cơ sở sản xuất, kinh doanh thực phẩm",
                              legal=["Luật An toàn thực phẩm năm 2010", "Nghị định số 15/2018/NĐ-CP của Chính phủ"],
                              docs=["Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ"],
                              fee="Phí thẩm định: 500.000 đồng/lần", days=15, role="chuyên viên Phòng Kinh tế",
                              decision=(1440, "24/07/2025")),
    "Bảo hiểm xã hội, bảo hiểm y tế": dict(agency="18", xa="18", who="Người lao động, người tham gia bảo hiểm",
                                           legal=["Luật Bảo hiểm xã hội năm 2024", "Luật Bảo hiểm y tế năm 2008, sửa đổi, bổ sung năm 2024"],
                                           docs=["Tờ khai tham gia, điều chỉnh thông tin bảo hiểm xã hội, bảo hiểm y tế (mẫu TK1-TS)"],
                                           fee="Không", days=5, role="", decision=(1455, "28/07/2025")),
    "Thuế": dict(agency="19", xa="19", who="Người nộp thuế", legal=["Luật Quản lý thuế năm 2019", "Thông tư số 86/2024/TT-BTC của Bộ Tài chính"],
                 docs=["Tờ khai thuế theo mẫu"], fee="Không", days=3, role="", decision=(1455, "28/07/2025")),
    "Điện": dict(agency="20", xa="20", who="Tổ chức, cá nhân sử dụng điện", legal=["Luật Điện lực năm 2024"],
                 docs=["Giấy tờ xác định chủ thể và địa điểm sử dụng điện"], fee="Không", days=4, role="",
                 decision=(1455, "28/07/2025")),
    "Công Thương": dict(agency="06", xa="xa", who="Thương nhân, tổ chức, cá nhân kinh doanh",
                        legal=["Luật Thương mại năm 2005", "Nghị định số 105/2017/NĐ-CP của Chính phủ",
                               "Nghị định số 67/2013/NĐ-CP của Chính phủ"],
                        docs=["Bản sao Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh", "Bản kê trang thiết bị, cơ sở vật chất"],
                        fee="1.200.000 đồng/giấy phép", days=15, role="chuyên viên Phòng Kinh tế",
                        decision=(1397, "16/07/2025")),
    "Văn hóa, thể thao, du lịch": dict(agency="09", xa="xa", who="Tổ chức, cá nhân kinh doanh dịch vụ văn hóa, du lịch",
                                       legal=["Luật Du lịch năm 2017", "Nghị định số 54/2019/NĐ-CP của Chính phủ",
                                              "Nghị định số 110/2018/NĐ-CP của Chính phủ"],
                                       docs=["Bản sao Giấy chứng nhận đăng ký kinh doanh", "Bản kê khai điều kiện kinh doanh"],
                                       fee="Theo Thông tư của Bộ Tài chính", days=7, role="công chức Văn hóa - Xã hội",
                                       decision=(1425, "22/07/2025")),
    "Báo chí, xuất bản": dict(agency="09", xa="xa", who="Cơ quan, tổ chức", legal=["Luật Báo chí năm 2016", "Luật Xuất bản năm 2012"],
                              docs=["Mẫu trình bày, nội dung dự kiến"], fee="Không", days=15, role="",
                              decision=(1425, "22/07/2025")),
    "Khoa học, công nghệ": dict(agency="10", xa="xa", who="Tổ chức, cá nhân hoạt động khoa học và công nghệ",
                                legal=["Luật Khoa học, công nghệ và đổi mới sáng tạo năm 2025", "Luật Năng lượng nguyên tử năm 2008"],
                                docs=["Bản thuyết minh kèm tài liệu kỹ thuật"], fee="Theo Thông tư của Bộ Tài chính", days=15,
                                role="", decision=(1429, "22/07/2025")),
    "Tôn giáo, dân tộc": dict(agency="11", xa="xa", who="Tổ chức tôn giáo, nhóm sinh hoạt tôn giáo, cá nhân",
                              legal=["Luật Tín ngưỡng, tôn giáo năm 2016", "Nghị định số 95/2023/NĐ-CP của Chính phủ"],
                              docs=["Văn bản đăng ký hoặc thông báo theo mẫu"], fee="Không", days=20,
                              role="công chức Văn hóa - Xã hội", decision=(1436, "23/07/2025")),
    "Ngoại vụ": dict(agency="12", xa="xa", who="Cơ quan, tổ chức, doanh nhân",
                     legal=["Quyết định số 45/2019/QĐ-TTg của Thủ tướng Chính phủ", "Nghị định số 111/2022/NĐ-CP của Chính phủ"],
                     docs=["Văn bản đề nghị kèm danh sách thành viên"], fee="Không", days=7, role="",
                     decision=(1447, "25/07/2025")),
    "Tiếp công dân, khiếu nại, tố cáo": dict(agency="14", xa="xa", who="Công dân, cơ quan, tổ chức",
                                             legal=["Luật Khiếu nại năm 2011", "Luật Tố cáo năm 2018", "Luật Tiếp công dân năm 2013"],
                                             docs=["Đơn khiếu nại, tố cáo hoặc văn bản ghi lại nội dung trình bày trực tiếp",
                                                   "Tài liệu, chứng cứ kèm theo (nếu có)"],
                                             fee="Không", days=30, role="công chức Văn phòng - Thống kê",
                                             decision=(1450, "25/07/2025")),
    "Khu công nghiệp": dict(agency="15", xa="15", who="Doanh nghiệp, nhà đầu tư trong khu công nghiệp",
                            legal=["Luật Đầu tư năm 2020", "Nghị định số 35/2022/NĐ-CP của Chính phủ"],
                            docs=["Văn bản đề nghị của doanh nghiệp"], fee="Không", days=10, role="",
                            decision=(1458, "29/07/2025")),
    "Quân sự, quốc phòng": dict(agency="17", xa="xa", who="Công dân trong độ tuổi thực hiện nghĩa vụ quân sự; quân nhân",
                                legal=["Luật Nghĩa vụ quân sự năm 2015", "Nghị định số 13/2016/NĐ-CP của Chính phủ"],
                                docs=["Bản sao giấy tờ về quá trình công tác, phục vụ (nếu có)"], fee="Không", days=5,
                                role="Ban Chỉ huy quân sự xã", decision=(1461, "30/07/2025")),
    "Hành chính tổng hợp": dict(agency="13", xa="xa", who="Cơ quan, tổ chức", legal=["Nghị định số 30/2020/NĐ-CP của Chính phủ"],
                                docs=["Văn bản đề nghị"], fee="Không", days=5, role="", decision=(1466, "31/07/2025")),
}

# The catalogue: "field | tier (tinh, xa) | days | name", with optional "@NN" (department that
# handles it, when not the field's) and "#CODE" (the national code, for the well-known ones).
PROCEDURES = """
Hộ tịch|xa|0|Đăng ký khai sinh|#1.001193
Hộ tịch|xa|5|Đăng ký kết hôn|#1.000894
Hộ tịch|xa|0|Đăng ký khai tử|#1.000656
Hộ tịch|xa|0|Cấp bản sao trích lục hộ tịch|#2.000635
Hộ tịch|xa|3|Đăng ký nhận cha, mẹ, con
Hộ tịch|xa|3|Đăng ký khai sinh kết hợp nhận cha, mẹ, con
Hộ tịch|xa|5|Đăng ký lại khai sinh
Hộ tịch|xa|5|Đăng ký lại kết hôn
Hộ tịch|xa|3|Đăng ký giám hộ
Hộ tịch|xa|2|Đăng ký chấm dứt giám hộ
Hộ tịch|xa|3|Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc
Hộ tịch|xa|3|Cấp Giấy xác nhận tình trạng hôn nhân
Hộ tịch|xa|3|Đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân
Hộ tịch|xa|5|Ghi vào Sổ hộ tịch việc hộ tịch của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài
Hộ tịch|xa|10|Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi
Hộ tịch|xa|10|Liên thông thủ tục hành chính về đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất, trợ cấp mai táng
Hộ tịch|xa|15|Đăng ký kết hôn có yếu tố nước ngoài
Hộ tịch|xa|3|Đăng ký khai sinh có yếu tố nước ngoài
Hộ tịch|xa|3|Đăng ký khai tử có yếu tố nước ngoài
Hộ tịch|xa|15|Đăng ký nhận cha, mẹ, con có yếu tố nước ngoài
Chứng thực|xa|0|Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận|#2.000815
Chứng thực|xa|0|Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ)|#2.000884
Chứng thực|xa|2|Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở|#2.001035
Chứng thực|xa|2|Chứng thực di chúc
Chứng thực|xa|2|Chứng thực văn bản thỏa thuận phân chia di sản mà di sản là động sản, quyền sử dụng đất, nhà ở
Chứng thực|xa|2|Chứng thực văn bản khai nhận di sản mà di sản là động sản, quyền sử dụng đất, nhà ở
Chứng thực|xa|2|Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch
Chứng thực|xa|2|Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực
Chứng thực|xa|0|Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật
Lý lịch tư pháp|tinh|10|Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam|#2.000488
Lý lịch tư pháp|tinh|10|Cấp Phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng
Lý lịch tư pháp|tinh|10|Cấp Phiếu lý lịch tư pháp cho cơ quan nhà nước, tổ chức chính trị, tổ chức chính trị - xã hội
Bổ trợ tư pháp|tinh|20|Thành lập Văn phòng công chứng
Bổ trợ tư pháp|tinh|10|Đăng ký hoạt động Văn phòng công chứng
Bổ trợ tư pháp|tinh|10|Đăng ký hành nghề và cấp Thẻ công chứng viên
Bổ trợ tư pháp|tinh|7|Đăng ký hoạt động của tổ chức hành nghề luật sư
Bổ trợ tư pháp|tinh|7|Đăng ký hoạt động của doanh nghiệp đấu giá tài sản
Quốc tịch|tinh|20|Thôi quốc tịch Việt Nam ở trong nước
Quốc tịch|tinh|20|Nhập quốc tịch Việt Nam
Quốc tịch|tinh|10|Xác nhận có quốc tịch Việt Nam ở trong nước
Trợ giúp pháp lý|tinh|3|Yêu cầu trợ giúp pháp lý
Trợ giúp pháp lý|xa|5|Giải quyết yêu cầu bồi thường tại cơ quan trực tiếp quản lý người thi hành công vụ gây thiệt hại
Cư trú|xa|7|Đăng ký thường trú|#1.004194
Cư trú|xa|3|Đăng ký tạm trú|#1.004200
Cư trú|xa|5|Xóa đăng ký thường trú
Cư trú|xa|3|Xóa đăng ký tạm trú
Cư trú|xa|3|Gia hạn tạm trú
Cư trú|xa|5|Tách hộ
Cư trú|xa|3|Điều chỉnh thông tin về cư trú trong Cơ sở dữ liệu về cư trú
Cư trú|xa|1|Khai báo tạm vắng
Cư trú|xa|0|Thông báo lưu trú
Cư trú|xa|1|Xác nhận thông tin về cư trú
Căn cước, xuất nhập cảnh|xa|7|Cấp thẻ căn cước cho công dân từ đủ 14 tuổi trở lên
Căn cước, xuất nhập cảnh|xa|7|Cấp đổi, cấp lại thẻ căn cước
Căn cước, xuất nhập cảnh|tinh|5|Cấp giấy chứng nhận căn cước
Căn cước, xuất nhập cảnh|tinh|8|Cấp hộ chiếu phổ thông không gắn chíp điện tử ở trong nước
Căn cước, xuất nhập cảnh|tinh|5|Cấp thị thực cho người nước ngoài tại Việt Nam
Đường bộ|tinh|7|Cấp đổi giấy phép lái xe do ngành Giao thông vận tải cấp
Đường bộ|tinh|7|Cấp lại giấy phép lái xe
Đường bộ|xa|2|Đăng ký xe lần đầu (xe mô tô, xe gắn máy)
Đường bộ|xa|2|Đăng ký sang tên, di chuyển xe
Đất đai|tinh|10|Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, tặng cho, thừa kế|#1.012795
Đất đai|tinh|20|Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận lần đầu đối với tổ chức
Đất đai|tinh|7|Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất
Đất đai|tinh|10|Cấp lại Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do bị mất
Đất đai|tinh|7|Đính chính Giấy chứng nhận đã cấp
Đất đai|tinh|1|Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất
Đất đai|tinh|1|Xóa đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất
Đất đai|tinh|2|Cung cấp thông tin, dữ liệu đất đai
Đất đai|tinh|12|Tách thửa hoặc hợp thửa đất
Đất đai|tinh|20|Giao đất, cho thuê đất không đấu giá quyền sử dụng đất đối với tổ chức
Đất đai|tinh|15|Chuyển mục đích sử dụng đất đối với tổ chức
Đất đai|tinh|7|Đăng ký biến động đất đai do đổi tên, thay đổi thông tin về người sử dụng đất, thay đổi hình dạng, diện tích thửa đất
Đất đai|tinh|10|Đăng ký biến động đất đai do chuyển đổi quyền sử dụng đất nông nghiệp, góp vốn bằng quyền sử dụng đất
Đất đai|tinh|10|Xác định lại diện tích đất ở và cấp Giấy chứng nhận
Đất đai|xa|20|Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận lần đầu đối với hộ gia đình, cá nhân|#1.012796
Đất đai|xa|15|Chuyển mục đích sử dụng đất đối với hộ gia đình, cá nhân
Đất đai|xa|20|Giao đất, cho thuê đất đối với hộ gia đình, cá nhân
Đất đai|xa|30|Hòa giải tranh chấp đất đai
Đất đai|xa|30|Giải quyết tranh chấp đất đai thuộc thẩm quyền của Chủ tịch UBND cấp xã
Đất đai|xa|5|Xác nhận tiếp tục sử dụng đất nông nghiệp của hộ gia đình, cá nhân khi hết hạn sử dụng đất
Đất đai|xa|10|Gia hạn sử dụng đất nông nghiệp của hộ gia đình, cá nhân
Đất đai|xa|20|Thu hồi đất do chấm dứt việc sử dụng đất theo pháp luật, tự nguyện trả lại đất
Đất đai|xa|10|Đăng ký biến động đất đai đối với hộ gia đình, cá nhân do nhận chuyển nhượng, thừa kế, tặng cho
Đất đai|xa|5|Xác nhận nguồn gốc, thời điểm sử dụng đất
Đất đai|xa|10|Cấp Giấy chứng nhận đối với trường hợp đã chuyển quyền sử dụng đất nhưng chưa thực hiện thủ tục chuyển quyền
Môi trường|tinh|30|Cấp giấy phép môi trường
Môi trường|tinh|25|Thẩm định báo cáo đánh giá tác động môi trường
Môi trường|xa|5|Đăng ký môi trường
Môi trường|xa|15|Cấp giấy phép môi trường đối với dự án, cơ sở thuộc thẩm quyền của UBND cấp xã
Tài nguyên nước, khoáng sản|tinh|25|Cấp giấy phép khai thác nước dưới đất
Tài nguyên nước, khoáng sản|tinh|25|Cấp giấy phép khai thác nước mặt
Tài nguyên nước, khoáng sản|tinh|30|Cấp giấy phép khai thác khoáng sản nhóm III, nhóm IV
Tài nguyên nước, khoáng sản|xa|10|Kê khai khai thác, sử dụng tài nguyên nước
Nông nghiệp|tinh|15|Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh nông, lâm, thủy sản
Nông nghiệp|tinh|5|Cấp Giấy chứng nhận kiểm dịch động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn cấp tỉnh
Nông nghiệp|tinh|10|Cấp, cấp lại Giấy phép khai thác thủy sản
Nông nghiệp|tinh|15|Cấp Giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật
Nông nghiệp|tinh|20|Phê duyệt phương án quản lý rừng bền vững của chủ rừng là tổ chức
Nông nghiệp|tinh|10|Cấp mã số vùng trồng
Nông nghiệp|xa|10|Hỗ trợ khôi phục sản xuất vùng bị thiệt hại do thiên tai, dịch bệnh
Nông nghiệp|xa|3|Xác nhận bảng kê lâm sản
Nông nghiệp|xa|10|Phê duyệt hồ sơ khai thác tận dụng gỗ rừng trồng
Xây dựng|xa|15|Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ|#1.009994
Xây dựng|xa|15|Cấp giấy phép sửa chữa, cải tạo đối với nhà ở riêng lẻ
Xây dựng|xa|5|Gia hạn giấy phép xây dựng đối với nhà ở riêng lẻ
Xây dựng|xa|5|Cấp lại giấy phép xây dựng đối với nhà ở riêng lẻ
Xây dựng|xa|15|Điều chỉnh giấy phép xây dựng đối với nhà ở riêng lẻ
Xây dựng|tinh|20|Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II
Xây dựng|tinh|20|Cấp giấy phép xây dựng có thời hạn
Xây dựng|tinh|30|Thẩm định báo cáo nghiên cứu khả thi đầu tư xây dựng
Xây dựng|tinh|30|Thẩm định thiết kế xây dựng triển khai sau thiết kế cơ sở
Xây dựng|tinh|20|Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III
Xây dựng|tinh|20|Cấp chứng chỉ năng lực hoạt động xây dựng hạng II, hạng III
Xây dựng|xa|20|Cấp giấy phép xây dựng công trình không theo tuyến thuộc thẩm quyền của UBND cấp xã
Nhà ở|tinh|30|Mua, thuê mua nhà ở xã hội
Nhà ở|xa|20|Hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo
Nhà ở|tinh|15|Xác nhận đủ điều kiện được mua, thuê mua nhà ở xã hội
Giao thông vận tải|tinh|5|Cấp Giấy phép kinh doanh vận tải bằng xe ô tô
Giao thông vận tải|tinh|2|Cấp phù hiệu xe ô tô kinh doanh vận tải
Giao thông vận tải|tinh|7|Cấp giấy phép thi công công trình trên đường bộ đang khai thác
Giao thông vận tải|tinh|2|Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn trên đường bộ
Giao thông vận tải|tinh|3|Đăng ký phương tiện thủy nội địa lần đầu
Giao thông vận tải|tinh|10|Chấp thuận xây dựng công trình thiết yếu trong phạm vi bảo vệ kết cấu hạ tầng giao thông đường bộ
Đăng ký kinh doanh|xa|3|Đăng ký thành lập hộ kinh doanh|#2.000720
Đăng ký kinh doanh|xa|3|Đăng ký thay đổi nội dung đăng ký hộ kinh doanh
Đăng ký kinh doanh|xa|3|Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh
Đăng ký kinh doanh|xa|3|Chấm dứt hoạt động hộ kinh doanh
Đăng ký kinh doanh|xa|3|Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh
Đăng ký kinh doanh|xa|3|Đăng ký thành lập hợp tác xã
Đăng ký kinh doanh|tinh|3|Đăng ký thành lập doanh nghiệp tư nhân
Đăng ký kinh doanh|tinh|3|Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên
Đăng ký kinh doanh|tinh|3|Đăng ký thành lập công ty trách nhiệm hữu hạn hai thành viên trở lên
Đăng ký kinh doanh|tinh|3|Đăng ký thành lập công ty cổ phần
Đăng ký kinh doanh|tinh|3|Đăng ký thay đổi người đại diện theo pháp luật của công ty
Đăng ký kinh doanh|tinh|3|Đăng ký thay đổi vốn điều lệ, tỷ lệ vốn góp
Đăng ký kinh doanh|tinh|3|Đăng ký thay đổi địa chỉ trụ sở chính của doanh nghiệp
Đăng ký kinh doanh|tinh|3|Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo
Đăng ký kinh doanh|tinh|5|Giải thể doanh nghiệp
Đăng ký kinh doanh|tinh|3|Đăng ký hoạt động chi nhánh, văn phòng đại diện, địa điểm kinh doanh
Đăng ký kinh doanh|tinh|3|Cấp lại Giấy chứng nhận đăng ký doanh nghiệp
Đầu tư|tinh|35|Chấp thuận chủ trương đầu tư của UBND cấp tỉnh
Đầu tư|tinh|15|Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư
Đầu tư|tinh|10|Điều chỉnh Giấy chứng nhận đăng ký đầu tư
Đầu tư|tinh|15|Chấm dứt hoạt động dự án đầu tư
Tài chính|tinh|2|Đăng ký mã số đơn vị có quan hệ với ngân sách
Tài chính|tinh|30|Thẩm tra, phê duyệt quyết toán vốn đầu tư dự án hoàn thành
Tài chính|xa|20|Thẩm tra quyết toán dự án hoàn thành sử dụng vốn ngân sách cấp xã
Giáo dục|tinh|3|Cấp bản sao văn bằng, chứng chỉ từ sổ gốc
Giáo dục|tinh|5|Chỉnh sửa nội dung văn bằng, chứng chỉ
Giáo dục|tinh|20|Thành lập trường trung học phổ thông tư thục
Giáo dục|tinh|15|Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục
Giáo dục|tinh|5|Đăng ký dự thi tốt nghiệp trung học phổ thông
Giáo dục|tinh|3|Chuyển trường đối với học sinh trung học phổ thông
Giáo dục|tinh|10|Xét tuyển sinh vào trường phổ thông dân tộc nội trú
Giáo dục|xa|20|Thành lập trường mầm non, trường tiểu học, trường trung học cơ sở công lập
Giáo dục|xa|15|Cho phép nhóm trẻ, lớp mẫu giáo độc lập hoạt động giáo dục
Giáo dục|xa|3|Chuyển trường đối với học sinh trung học cơ sở
Giáo dục|xa|10|Hỗ trợ học tập đối với trẻ mẫu giáo, học sinh tiểu học, học sinh trung học cơ sở các dân tộc thiểu số rất ít người
Giáo dục|xa|10|Xét, duyệt chính sách hỗ trợ đối với học sinh bán trú
Giáo dục|xa|5|Miễn, giảm học phí, hỗ trợ chi phí học tập
Lao động, việc làm|tinh|5|Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam
Lao động, việc làm|tinh|3|Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động
Lao động, việc làm|tinh|5|Gia hạn giấy phép lao động cho người lao động nước ngoài
Lao động, việc làm|tinh|7|Đăng ký nội quy lao động của doanh nghiệp
Lao động, việc làm|tinh|15|Cấp giấy phép hoạt động dịch vụ việc làm của doanh nghiệp
Lao động, việc làm|tinh|20|Giải quyết hưởng trợ cấp thất nghiệp
Lao động, việc làm|xa|5|Hỗ trợ người lao động đi làm việc ở nước ngoài theo hợp đồng
Lao động, việc làm|xa|10|Hỗ trợ vay vốn tạo việc làm từ Quỹ quốc gia về việc làm
Nội vụ|tinh|20|Tặng Bằng khen của Chủ tịch UBND tỉnh
Nội vụ|tinh|20|Tặng danh hiệu Chiến sĩ thi đua cấp tỉnh
Nội vụ|tinh|30|Công nhận ban vận động thành lập hội
Nội vụ|tinh|30|Thành lập hội có phạm vi hoạt động trong tỉnh
Nội vụ|tinh|30|Thi tuyển công chức
Nội vụ|xa|10|Tặng Giấy khen của Chủ tịch UBND cấp xã
Nội vụ|xa|10|Xét tặng danh hiệu Lao động tiên tiến
Người có công|xa|12|Giải quyết chế độ trợ cấp thờ cúng liệt sĩ
Người có công|xa|12|Giải quyết chế độ ưu đãi đối với thân nhân liệt sĩ
Người có công|tinh|20|Giải quyết chế độ người hoạt động kháng chiến bị nhiễm chất độc hóa học
Người có công|xa|5|Cấp giấy xác nhận thân nhân của người có công
Người có công|xa|20|Hỗ trợ người có công với cách mạng cải thiện nhà ở
Người có công|tinh|5|Cấp trích lục hoặc sao hồ sơ người có công với cách mạng
Người có công|tinh|5|Di chuyển hồ sơ khi người hưởng trợ cấp ưu đãi thay đổi nơi thường trú
Người có công|tinh|10|Sửa đổi, bổ sung thông tin cá nhân trong hồ sơ người có công
Người có công|xa|12|Giải quyết chế độ mai táng phí, trợ cấp một lần khi người có công với cách mạng từ trần
Người có công|xa|7|Hỗ trợ thân nhân liệt sĩ thăm viếng mộ liệt sĩ
Bảo trợ xã hội|xa|15|Trợ giúp xã hội thường xuyên tại cộng đồng
Bảo trợ xã hội|xa|7|Điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng
Bảo trợ xã hội|xa|10|Chi trả trợ cấp xã hội hằng tháng khi đối tượng thay đổi nơi cư trú
Bảo trợ xã hội|xa|3|Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội
Bảo trợ xã hội|xa|10|Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở, sửa chữa nhà ở
Bảo trợ xã hội|xa|20|Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật
Bảo trợ xã hội|xa|5|Đổi, cấp lại Giấy xác nhận khuyết tật
Bảo trợ xã hội|tinh|10|Tiếp nhận đối tượng bảo trợ xã hội có hoàn cảnh đặc biệt khó khăn vào cơ sở trợ giúp xã hội
Bảo trợ xã hội|xa|15|Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm
Bảo trợ xã hội|xa|15|Công nhận hộ thoát nghèo, hộ thoát cận nghèo trong năm
Bảo trợ xã hội|tinh|10|Đăng ký thành lập cơ sở trợ giúp xã hội ngoài công lập
Bảo trợ xã hội|xa|7|Đăng ký nhận chăm sóc thay thế cho trẻ em đối với cá nhân, người đại diện gia đình nhận chăm sóc thay thế
Bảo trợ xã hội|xa|3|Áp dụng các biện pháp can thiệp khẩn cấp hoặc tạm thời cách ly trẻ em khỏi môi trường hoặc người gây tổn hại cho trẻ em
Y tế|tinh|20|Cấp giấy phép hành nghề khám bệnh, chữa bệnh
Y tế|tinh|20|Cấp giấy phép hoạt động đối với phòng khám đa khoa
Y tế|tinh|20|Cấp giấy phép hoạt động đối với phòng khám chuyên khoa
Y tế|tinh|20|Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược
Y tế|tinh|20|Cấp chứng chỉ hành nghề dược
Y tế|tinh|10|Cấp giấy phép hoạt động đối với cơ sở dịch vụ thẩm mỹ
Y tế|tinh|15|Công bố cơ sở đủ điều kiện thực hiện khám sức khỏe
An toàn thực phẩm|tinh|15|Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất thực phẩm
An toàn thực phẩm|tinh|7|Đăng ký bản công bố sản phẩm thực phẩm dinh dưỡng y học
An toàn thực phẩm|xa|0|Tiếp nhận bản tự công bố sản phẩm thực phẩm
An toàn thực phẩm|xa|10|Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống
Bảo hiểm xã hội, bảo hiểm y tế|xa|1|Cấp lại, đổi thẻ bảo hiểm y tế
Bảo hiểm xã hội, bảo hiểm y tế|xa|5|Giải quyết hưởng chế độ ốm đau
Bảo hiểm xã hội, bảo hiểm y tế|xa|5|Giải quyết hưởng chế độ thai sản
Bảo hiểm xã hội, bảo hiểm y tế|xa|3|Đăng ký tham gia bảo hiểm xã hội tự nguyện
Bảo hiểm xã hội, bảo hiểm y tế|tinh|5|Giải quyết hưởng bảo hiểm xã hội một lần
Bảo hiểm xã hội, bảo hiểm y tế|xa|3|Đăng ký, đóng bảo hiểm y tế đối với người tham gia theo hộ gia đình
Bảo hiểm xã hội, bảo hiểm y tế|tinh|12|Giải quyết hưởng lương hưu
Thuế|tinh|3|Đăng ký thuế lần đầu đối với hộ kinh doanh, cá nhân kinh doanh
Thuế|tinh|5|Khai thuế thu nhập cá nhân đối với cá nhân chuyển nhượng bất động sản
Thuế|tinh|10|Miễn, giảm tiền sử dụng đất, tiền thuê đất
Thuế|tinh|6|Hoàn thuế thu nhập cá nhân
Thuế|tinh|3|Cấp mã số thuế cho cá nhân
Điện|tinh|4|Cấp điện mới từ lưới điện hạ áp
Điện|tinh|7|Cấp điện mới từ lưới điện trung áp
Điện|tinh|3|Thay đổi chủ thể hợp đồng mua bán điện
Điện|tinh|3|Thay đổi công suất, loại công tơ, mục đích sử dụng điện
Công Thương|tinh|15|Cấp Giấy phép bán lẻ sản phẩm thuốc lá
Công Thương|tinh|15|Cấp Giấy phép bán buôn rượu
Công Thương|xa|10|Cấp Giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh
Công Thương|xa|10|Cấp Giấy phép bán lẻ rượu
Công Thương|tinh|15|Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu
Công Thương|tinh|15|Cấp Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai
Công Thương|tinh|5|Đăng ký thực hiện khuyến mại
Công Thương|tinh|15|Cấp Giấy phép hoạt động điện lực
Công Thương|tinh|7|Xác nhận đăng ký tổ chức hội chợ, triển lãm thương mại
Công Thương|tinh|20|Cấp Giấy phép kinh doanh cho tổ chức kinh tế có vốn đầu tư nước ngoài
Văn hóa, thể thao, du lịch|xa|5|Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke
Văn hóa, thể thao, du lịch|tinh|5|Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ vũ trường
Văn hóa, thể thao, du lịch|tinh|15|Đăng ký tổ chức lễ hội cấp tỉnh
Văn hóa, thể thao, du lịch|xa|5|Thông báo tổ chức lễ hội cấp xã
Văn hóa, thể thao, du lịch|tinh|30|Công nhận hạng cơ sở lưu trú du lịch: hạng 1 sao, 2 sao, 3 sao
Văn hóa, thể thao, du lịch|tinh|10|Cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa
Văn hóa, thể thao, du lịch|tinh|10|Cấp thẻ hướng dẫn viên du lịch nội địa
Văn hóa, thể thao, du lịch|tinh|7|Cấp giấy phép triển lãm mỹ thuật
Văn hóa, thể thao, du lịch|tinh|7|Cấp Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao
Văn hóa, thể thao, du lịch|xa|5|Xét tặng danh hiệu Gia đình văn hóa hằng năm
Văn hóa, thể thao, du lịch|tinh|15|Công nhận điểm du lịch
Báo chí, xuất bản|tinh|15|Cấp giấy phép xuất bản bản tin
Báo chí, xuất bản|tinh|10|Cấp giấy phép hoạt động in
Báo chí, xuất bản|tinh|7|Cấp giấy phép xuất bản tài liệu không kinh doanh
Khoa học, công nghệ|tinh|10|Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ
Khoa học, công nghệ|tinh|7|Cấp Giấy chứng nhận doanh nghiệp khoa học và công nghệ
Khoa học, công nghệ|tinh|10|Cấp giấy phép tiến hành công việc bức xạ - sử dụng thiết bị X-quang chẩn đoán trong y tế
Khoa học, công nghệ|tinh|10|Cấp chứng chỉ nhân viên bức xạ
Khoa học, công nghệ|tinh|5|Đăng ký công bố hợp chuẩn dựa trên kết quả tự đánh giá
Khoa học, công nghệ|tinh|7|Cấp giấy phép bưu chính
Khoa học, công nghệ|tinh|10|Đăng ký chuyển giao công nghệ
Tôn giáo, dân tộc|xa|20|Đăng ký sinh hoạt tôn giáo tập trung
Tôn giáo, dân tộc|xa|10|Đăng ký hoạt động tín ngưỡng
Tôn giáo, dân tộc|tinh|20|Thông báo thuyên chuyển chức sắc, chức việc, nhà tu hành
Tôn giáo, dân tộc|tinh|15|Đề nghị tổ chức cuộc lễ ngoài cơ sở tôn giáo, địa điểm hợp pháp đã đăng ký
Tôn giáo, dân tộc|xa|10|Đăng ký thay đổi người đại diện của nhóm sinh hoạt tôn giáo tập trung
Tôn giáo, dân tộc|tinh|30|Công nhận người có uy tín trong đồng bào dân tộc thiểu số
Ngoại vụ|tinh|7|Cấp thẻ đi lại của doanh nhân APEC (thẻ ABTC)
Ngoại vụ|tinh|7|Cho phép tổ chức hội nghị, hội thảo quốc tế
Ngoại vụ|tinh|7|Cho chủ trương mời, đón đoàn nước ngoài vào làm việc
Tiếp công dân, khiếu nại, tố cáo|tinh|0|Tiếp công dân tại cấp tỉnh
Tiếp công dân, khiếu nại, tố cáo|tinh|30|Giải quyết khiếu nại lần đầu tại cấp tỉnh
Tiếp công dân, khiếu nại, tố cáo|tinh|45|Giải quyết khiếu nại lần hai tại cấp tỉnh
Tiếp công dân, khiếu nại, tố cáo|tinh|30|Giải quyết tố cáo tại cấp tỉnh
Tiếp công dân, khiếu nại, tố cáo|xa|0|Tiếp công dân tại cấp xã
Tiếp công dân, khiếu nại, tố cáo|xa|30|Giải quyết khiếu nại lần đầu tại cấp xã
Tiếp công dân, khiếu nại, tố cáo|xa|30|Giải quyết tố cáo tại cấp xã
Khu công nghiệp|tinh|15|Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án trong khu công nghiệp
Khu công nghiệp|tinh|5|Cấp giấy phép lao động cho người nước ngoài làm việc trong khu công nghiệp
Khu công nghiệp|tinh|15|Cấp giấy phép xây dựng công trình trong khu công nghiệp
Khu công nghiệp|tinh|7|Đăng ký nội quy lao động của doanh nghiệp trong khu công nghiệp
Khu công nghiệp|tinh|10|Xác nhận hợp đồng thuê lại đất trong khu công nghiệp
Quân sự, quốc phòng|xa|1|Đăng ký nghĩa vụ quân sự lần đầu
Quân sự, quốc phòng|xa|3|Đăng ký phục vụ trong ngạch dự bị
Quân sự, quốc phòng|xa|10|Giải quyết chế độ trợ cấp một lần đối với quân nhân đã tham gia kháng chiến
Quân sự, quốc phòng|tinh|15|Giải quyết chế độ hưu trí đối với quân nhân trực tiếp tham gia kháng chiến chống Mỹ cứu nước có dưới 20 năm công tác
Hành chính tổng hợp|tinh|5|Cấp phép sử dụng con dấu của UBND tỉnh trên bản sao
Hành chính tổng hợp|tinh|5|Cung cấp thông tin theo yêu cầu
Hành chính tổng hợp|xa|5|Cung cấp thông tin cho công dân theo yêu cầu tại cấp xã
"""

# Procedures published by the province in March 2026 (they appear from that month on).
NEW_IN_2026_03 = """
Hộ tịch|xa|3|Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi trên ứng dụng VNeID
Đất đai|xa|5|Cấp Giấy chứng nhận quyền sử dụng đất đối với đất đã được đo đạc chỉnh lý trên bản đồ địa chính số
Bảo trợ xã hội|xa|7|Hỗ trợ người dân bị ảnh hưởng bởi thiên tai năm 2026
Đăng ký kinh doanh|xa|3|Đăng ký thành lập hộ kinh doanh trực tuyến liên thông với đăng ký thuế
"""

# Procedures that become entirely online (toàn trình) over the months: code or name prefix,
# month index from which they are.
NEWLY_FULL = [("Đăng ký kết hôn", 3), ("Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", 3),
              ("Đăng ký thường trú", 6), ("Cấp đổi Giấy chứng nhận quyền sử dụng đất", 6),
              ("Chuyển mục đích sử dụng đất đối với hộ gia đình", 9),
              ("Cấp Giấy phép bán lẻ sản phẩm thuốc lá", 9),
              ("Giải quyết hưởng trợ cấp thất nghiệp", 11),
              ("Cấp giấy phép hành nghề khám bệnh, chữa bệnh", 11)]

# Well-known procedures with full guides (the rest are built from their field's defaults).
GUIDES = {
    "1.001193": dict(
        level="toàn trình",
        time="Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết ngay được thì trả kết quả trong ngày làm việc tiếp theo",
        fee="Miễn lệ phí đăng ký khai sinh đúng hạn; cấp bản sao trích lục: 8.000 đồng/bản",
        who="Cha, mẹ, ông, bà hoặc người thân thích khác của trẻ",
        docs=["Tờ khai đăng ký khai sinh theo mẫu (nộp trực tuyến thì điền biểu mẫu điện tử)",
              "Giấy chứng sinh; nếu không có thì văn bản của người làm chứng xác nhận về việc sinh",
              "Giấy chứng nhận kết hôn của cha, mẹ (nếu thông tin chưa có trong Cơ sở dữ liệu hộ tịch điện tử)",
              "Giấy tờ tùy thân của người đi đăng ký (khi nộp trực tiếp)"],
        steps=["Bước 1: Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID (đăng nhập tài khoản định danh điện tử mức độ 2), hoặc nộp trực tiếp tại Bộ phận Một cửa UBND xã, phường nơi cư trú của cha hoặc mẹ",
               "Bước 2: Công chức Tư pháp - Hộ tịch kiểm tra hồ sơ; nếu đủ thì ghi vào Sổ đăng ký khai sinh và cập nhật Cơ sở dữ liệu hộ tịch điện tử",
               "Bước 3: Chủ tịch UBND xã ký Giấy khai sinh; trẻ được cấp mã số định danh cá nhân",
               "Bước 4: Nhận Giấy khai sinh bản điện tử trên tài khoản, bản giấy tại Bộ phận Một cửa hoặc qua dịch vụ bưu chính công ích"],
        legal=["Luật Hộ tịch năm 2014", "Nghị định số 123/2015/NĐ-CP của Chính phủ",
               "Nghị định số 87/2020/NĐ-CP của Chính phủ về Cơ sở dữ liệu hộ tịch điện tử",
               "Thông tư số 04/2020/TT-BTP của Bộ Tư pháp"]),
    "1.000894": dict(
        level="một phần",
        time="Ngay trong ngày tiếp nhận hồ sơ; trường hợp cần xác minh thì không quá 05 ngày làm việc",
        fee="Miễn lệ phí",
        who="Nam, nữ đủ điều kiện kết hôn theo Luật Hôn nhân và gia đình",
        docs=["Tờ khai đăng ký kết hôn theo mẫu (hai bên có thể dùng chung một tờ khai)",
              "Giấy xác nhận tình trạng hôn nhân, nếu bên kết hôn không cư trú tại xã, phường nơi đăng ký",
              "Giấy tờ tùy thân của hai bên nam, nữ (xuất trình khi nhận kết quả)"],
        steps=["Bước 1: Nộp hồ sơ trực tuyến hoặc trực tiếp tại Bộ phận Một cửa UBND xã, phường nơi cư trú của một trong hai bên",
               "Bước 2: Công chức Tư pháp - Hộ tịch kiểm tra, xác minh điều kiện kết hôn",
               "Bước 3: Hai bên nam, nữ cùng có mặt, ký vào Giấy chứng nhận kết hôn và Sổ đăng ký kết hôn",
               "Bước 4: Chủ tịch UBND xã trao Giấy chứng nhận kết hôn cho hai bên"],
        legal=["Luật Hôn nhân và gia đình năm 2014", "Luật Hộ tịch năm 2014",
               "Nghị định số 123/2015/NĐ-CP của Chính phủ"]),
    "1.000656": dict(
        level="toàn trình",
        time="Ngay trong ngày tiếp nhận hồ sơ; trường hợp cần xác minh thì không quá 03 ngày làm việc",
        fee="Miễn lệ phí đăng ký khai tử đúng hạn",
        who="Vợ, chồng hoặc con, cha, mẹ hoặc người thân thích khác của người chết",
        docs=["Tờ khai đăng ký khai tử theo mẫu",
              "Giấy báo tử hoặc giấy tờ thay Giấy báo tử do cơ quan có thẩm quyền cấp"],
        steps=["Bước 1: Trong 15 ngày kể từ ngày có người chết, người thân nộp hồ sơ trực tuyến hoặc tại Bộ phận Một cửa UBND xã, phường nơi cư trú cuối cùng của người chết",
               "Bước 2: Công chức Tư pháp - Hộ tịch kiểm tra hồ sơ, ghi vào Sổ đăng ký khai tử",
               "Bước 3: Chủ tịch UBND xã ký Trích lục khai tử; thông tin được đồng bộ để xóa đăng ký thường trú",
               "Bước 4: Nhận Trích lục khai tử bản điện tử hoặc bản giấy"],
        legal=["Luật Hộ tịch năm 2014", "Nghị định số 123/2015/NĐ-CP của Chính phủ"]),
    "2.000635": dict(
        level="toàn trình", time="Ngay trong ngày tiếp nhận yêu cầu; trường hợp sau 15 giờ thì trả trong ngày làm việc tiếp theo",
        fee="8.000 đồng/bản sao trích lục",
        who="Cá nhân, tổ chức có yêu cầu",
        docs=["Tờ khai cấp bản sao trích lục hộ tịch theo mẫu",
              "Văn bản ủy quyền được chứng thực (nếu người yêu cầu là người được ủy quyền)"],
        steps=["Bước 1: Nộp yêu cầu trực tuyến hoặc tại Bộ phận Một cửa UBND xã, phường đang lưu giữ Sổ hộ tịch",
               "Bước 2: Công chức Tư pháp - Hộ tịch tra cứu Sổ hộ tịch, Cơ sở dữ liệu hộ tịch điện tử",
               "Bước 3: Chủ tịch UBND xã ký cấp bản sao trích lục; nhận kết quả bản điện tử hoặc bản giấy"],
        legal=["Luật Hộ tịch năm 2014", "Nghị định số 123/2015/NĐ-CP của Chính phủ",
               "Thông tư số 281/2016/TT-BTC của Bộ Tài chính"]),
    "2.000815": dict(
        level="một phần", time="Trong ngày tiếp nhận yêu cầu; trường hợp sau 15 giờ thì trả trong ngày làm việc tiếp theo",
        fee="2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa không quá 200.000 đồng/bản",
        who="Cá nhân, tổ chức",
        docs=["Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao và bản sao cần chứng thực",
              "Nếu chỉ xuất trình bản chính thì cơ quan chứng thực chụp từ bản chính"],
        steps=["Bước 1: Người yêu cầu xuất trình bản chính và bản sao tại Bộ phận Một cửa UBND xã, phường (hoặc đề nghị chứng thực bản sao điện tử từ bản chính trên Cổng Dịch vụ công)",
               "Bước 2: Người thực hiện chứng thực đối chiếu bản sao với bản chính",
               "Bước 3: Ghi lời chứng, ký, ghi rõ họ tên, đóng dấu và ghi vào sổ chứng thực; trả kết quả ngay"],
        legal=["Nghị định số 23/2015/NĐ-CP của Chính phủ", "Thông tư số 01/2020/TT-BTP của Bộ Tư pháp",
               "Thông tư số 226/2016/TT-BTC của Bộ Tài chính"]),
    "1.004194": dict(
        level="một phần", time="07 ngày làm việc kể từ ngày nhận đủ hồ sơ",
        fee="20.000 đồng/lần đăng ký; nộp hồ sơ trực tuyến: 10.000 đồng/lần",
        who="Công dân Việt Nam có chỗ ở hợp pháp",
        docs=["Tờ khai thay đổi thông tin cư trú (mẫu CT01)",
              "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp",
              "Ý kiến đồng ý của chủ hộ, chủ sở hữu chỗ ở hợp pháp (khi đăng ký vào chỗ ở không thuộc sở hữu của mình)"],
        steps=["Bước 1: Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia, ứng dụng VNeID hoặc trực tiếp tại Công an xã, phường nơi có chỗ ở",
               "Bước 2: Công an xã kiểm tra, cấp phiếu hẹn; hồ sơ chưa đủ thì hướng dẫn bổ sung",
               "Bước 3: Công an xã thẩm định, cập nhật thông tin vào Cơ sở dữ liệu về cư trú và thông báo kết quả",
               "Bước 4: Nhận thông báo kết quả qua VNeID, thư điện tử hoặc tin nhắn"],
        legal=["Luật Cư trú năm 2020", "Nghị định số 154/2024/NĐ-CP của Chính phủ",
               "Thông tư số 75/2022/TT-BTC của Bộ Tài chính"]),
    "1.009994": dict(
        level="một phần", time="15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
        fee="75.000 đồng/giấy phép",
        who="Hộ gia đình, cá nhân là chủ đầu tư xây dựng nhà ở riêng lẻ",
        docs=["Đơn đề nghị cấp giấy phép xây dựng (mẫu số 01 Phụ lục II Nghị định 175/2024/NĐ-CP)",
              "Bản sao giấy tờ chứng minh quyền sử dụng đất",
              "02 bộ bản vẽ thiết kế xây dựng: mặt bằng, mặt cắt, mặt đứng, móng và đấu nối hạ tầng",
              "Bản kê khai kinh nghiệm của tổ chức, cá nhân thiết kế (nếu tự thiết kế)"],
        steps=["Bước 1: Nộp hồ sơ tại Bộ phận Một cửa UBND xã, phường nơi xây dựng hoặc trực tuyến",
               "Bước 2: Công chức Địa chính - Xây dựng kiểm tra hồ sơ, thực địa trong 07 ngày làm việc",
               "Bước 3: Chủ tịch UBND xã xem xét, ký giấy phép xây dựng",
               "Bước 4: Nhận giấy phép và bản vẽ có đóng dấu tại Bộ phận Một cửa hoặc qua bưu chính công ích"],
        legal=["Luật Xây dựng năm 2014, sửa đổi, bổ sung năm 2020", "Nghị định số 175/2024/NĐ-CP của Chính phủ",
               "Quyết định của UBND tỉnh Sơn Lâm về phân cấp cấp giấy phép xây dựng"]),
    "2.000720": dict(
        level="toàn trình", time="03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        fee="100.000 đồng/lần; miễn lệ phí khi đăng ký qua mạng thông tin điện tử",
        who="Cá nhân, thành viên hộ gia đình là công dân Việt Nam",
        docs=["Giấy đề nghị đăng ký hộ kinh doanh theo mẫu",
              "Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (nếu các thành viên cùng đăng ký)",
              "Bản sao hợp đồng thuê, mượn địa điểm kinh doanh (nếu có)"],
        steps=["Bước 1: Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia hoặc tại Bộ phận Một cửa UBND xã, phường nơi đặt địa điểm kinh doanh",
               "Bước 2: Phòng Kinh tế UBND xã kiểm tra tính hợp lệ của hồ sơ",
               "Bước 3: Cấp Giấy chứng nhận đăng ký hộ kinh doanh; hồ sơ chưa hợp lệ thì thông báo bằng văn bản nội dung cần sửa đổi",
               "Bước 4: Nhận kết quả tại Bộ phận Một cửa, qua bưu chính công ích hoặc bản điện tử"],
        legal=["Luật Doanh nghiệp năm 2020", "Nghị định số 168/2025/NĐ-CP của Chính phủ về đăng ký doanh nghiệp",
               "Nghị quyết của HĐND tỉnh Sơn Lâm về lệ phí đăng ký hộ kinh doanh"]),
    "2.000488": dict(
        level="toàn trình", time="10 ngày kể từ ngày nhận đủ hồ sơ hợp lệ; trường hợp phải xác minh thì không quá 15 ngày",
        fee="200.000 đồng/lần; sinh viên, người có công với cách mạng, thân nhân liệt sĩ: 100.000 đồng/lần; từ Phiếu thứ 3 trở đi: 5.000 đồng/Phiếu",
        who="Công dân Việt Nam; người nước ngoài đã hoặc đang cư trú tại Việt Nam",
        docs=["Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (nộp trên VNeID hoặc Cổng Dịch vụ công thì điền biểu mẫu điện tử)",
              "Văn bản ủy quyền (nếu ủy quyền cho người khác làm thủ tục)"],
        steps=["Bước 1: Nộp yêu cầu trên ứng dụng VNeID, Cổng Dịch vụ công quốc gia hoặc tại Trung tâm Phục vụ hành chính công tỉnh",
               "Bước 2: Công an tỉnh tra cứu, xác minh thông tin lý lịch tư pháp",
               "Bước 3: Cấp Phiếu lý lịch tư pháp bản điện tử trên VNeID hoặc bản giấy",
               "Bước 4: Nhận kết quả trên VNeID, tại nơi nộp hồ sơ hoặc qua bưu chính công ích"],
        legal=["Luật Lý lịch tư pháp năm 2009", "Nghị định số 111/2010/NĐ-CP của Chính phủ",
               "Thông tư số 244/2016/TT-BTC của Bộ Tài chính"]),
    "1.012795": dict(
        level="một phần", time="10 ngày làm việc kể từ ngày nhận đủ hồ sơ; xã miền núi, vùng đặc biệt khó khăn thêm 10 ngày",
        fee="Lệ phí cấp Giấy chứng nhận: 30.000 đồng/giấy; phí thẩm định hồ sơ theo Nghị quyết của HĐND tỉnh",
        who="Người sử dụng đất, chủ sở hữu tài sản gắn liền với đất",
        docs=["Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (mẫu số 11/ĐK)",
              "Hợp đồng, văn bản về chuyển nhượng, tặng cho, thừa kế đã công chứng hoặc chứng thực",
              "Bản gốc Giấy chứng nhận đã cấp",
              "Văn bản của cơ quan thuế về nghĩa vụ tài chính (nếu có)"],
        steps=["Bước 1: Nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh, Bộ phận Một cửa UBND xã nơi có đất, hoặc trực tuyến",
               "Bước 2: Văn phòng Đăng ký đất đai (chi nhánh khu vực) kiểm tra hồ sơ, gửi thông tin xác định nghĩa vụ tài chính sang cơ quan thuế",
               "Bước 3: Người sử dụng đất nộp nghĩa vụ tài chính theo thông báo",
               "Bước 4: Chỉnh lý hồ sơ địa chính, xác nhận biến động trên Giấy chứng nhận hoặc cấp Giấy chứng nhận mới",
               "Bước 5: Trả kết quả tại nơi nộp hồ sơ hoặc qua bưu chính công ích"],
        legal=["Luật Đất đai năm 2024", "Nghị định số 101/2024/NĐ-CP của Chính phủ",
               "Nghị định số 151/2025/NĐ-CP của Chính phủ"]),
}


class Procedure:
    __slots__ = ("code", "name", "field", "tier", "days", "handler", "agency", "level0",
                 "guide", "popularity", "first_month", "full_from")


def parse_procedures(text, first_month):
    out = []
    for line in text.strip().split("\n"):
        parts = [p.strip() for p in line.split("|")]
        p = Procedure()
        p.field, p.tier, days, p.name = parts[:4]
        p.days = int(days)
        p.code = None
        p.first_month = first_month
        p.full_from = None
        for extra in parts[4:]:
            if extra.startswith("#"):
                p.code = extra[1:]
        f = FIELDS[p.field]
        p.agency = f["agency"]
        p.handler = f["xa"] if p.tier == "xa" else f["agency"]
        out.append(p)
    return out


def make_catalogue():
    procs = parse_procedures(PROCEDURES, 0) + parse_procedures(NEW_IN_2026_03, 5)
    used = {p.code for p in procs if p.code}
    for p in procs:
        r = rng("procedure", p.field, p.name)
        while not p.code:
            code = "%d.%06d" % (r.choice((1, 1, 2, 2, 3)), r.randrange(0, 13000))
            if code not in used:
                used.add(code)
                p.code = code
        g = GUIDES.get(p.code)
        p.guide = g
        if g:
            p.level0 = g["level"]
        else:
            x = r.random()
            p.level0 = "toàn trình" if x < 0.42 else "một phần" if x < 0.80 else ""
        # Dossiers a month: a long tail, with civil status, residence and land on top.
        base = {"Hộ tịch": 40, "Chứng thực": 150, "Cư trú": 200, "Đất đai": 60,
                "Căn cước, xuất nhập cảnh": 250, "Đường bộ": 100,
                "Bảo hiểm xã hội, bảo hiểm y tế": 80, "Thuế": 40,
                "Đăng ký kinh doanh": 20, "Điện": 60}.get(p.field, 5)
        p.popularity = base * math.exp(r.gauss(0.0, 0.9))
    big = {"1.001193": 1250, "1.000894": 560, "1.000656": 430, "2.000635": 880, "2.000815": 9200,
           "2.000884": 2400, "1.004194": 2100, "1.004200": 1500, "1.009994": 240,
           "2.000720": 310, "2.000488": 690, "1.012795": 3300, "1.012796": 820}
    for p in procs:
        if p.code in big:
            p.popularity = float(big[p.code])
    for prefix, idx in NEWLY_FULL:
        hits = [p for p in procs if p.name == prefix] or \
            [p for p in procs if p.name.startswith(prefix)]
        assert len(hits) == 1, prefix
        hits[0].level0 = "một phần"
        hits[0].full_from = idx
    return procs


def level_at(p, i):
    if p.full_from is not None and i >= p.full_from:
        return "toàn trình"
    return p.level0


def days_text(days):
    if days == 0:
        return ("Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận sau 15 giờ thì trả kết quả "
                "trong ngày làm việc tiếp theo")
    return "%02d ngày làm việc" % days


def lower_first(s):
    return s[0].lower() + s[1:]


# Fees that differ from their field's usual one (by the start of the procedure's name).
FEES = [
    ("Đăng ký kết hôn có yếu tố nước ngoài", "1.500.000 đồng/trường hợp"),
    ("Đăng ký nhận cha, mẹ, con có yếu tố nước ngoài", "1.500.000 đồng/trường hợp"),
    ("Đăng ký thay đổi, cải chính", "15.000 đồng/trường hợp"),
    ("Chứng thực chữ ký", "10.000 đồng/trường hợp"),
    ("Chứng thực di chúc", "50.000 đồng/di chúc"),
    ("Cấp bản sao có chứng thực", "2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản"),
    ("Chứng thực việc sửa đổi", "30.000 đồng/hợp đồng, giao dịch"),
    ("Cấp Phiếu lý lịch tư pháp cho cơ quan", "Không"),
    ("Đăng ký tạm trú", "15.000 đồng/lần; nộp trực tuyến: 7.000 đồng/lần"),
    ("Tách hộ", "10.000 đồng/lần; nộp trực tuyến: 5.000 đồng/lần"),
    ("Cấp thẻ căn cước cho công dân", "Miễn lệ phí khi cấp lần đầu"),
    ("Cấp đổi, cấp lại thẻ căn cước", "Cấp đổi: 30.000 đồng/thẻ; cấp lại: 50.000 đồng/thẻ"),
    ("Cấp giấy chứng nhận căn cước", "Miễn lệ phí"),
    ("Cấp hộ chiếu", "200.000 đồng/cuốn"),
    ("Cấp thị thực", "Theo Thông tư số 25/2021/TT-BTC của Bộ Tài chính"),
    ("Đăng ký xe lần đầu", "Theo Thông tư số 60/2023/TT-BTC của Bộ Tài chính"),
    ("Đăng ký sang tên", "50.000 đồng/lần"),
    ("Đăng ký thế chấp", "80.000 đồng/hồ sơ"),
    ("Xóa đăng ký thế chấp", "20.000 đồng/hồ sơ"),
    ("Cung cấp thông tin, dữ liệu đất đai", "Phí khai thác, sử dụng tài liệu đất đai theo Nghị quyết của HĐND tỉnh"),
    ("Hòa giải tranh chấp", "Không"),
    ("Giải quyết tranh chấp", "Không"),
    ("Xác nhận", "Không"),
    ("Thẩm định", "Phí thẩm định theo Thông tư số 27/2023/TT-BTC của Bộ Tài chính"),
    ("Cấp chứng chỉ hành nghề hoạt động xây dựng", "150.000 đồng/chứng chỉ"),
    ("Cấp chứng chỉ năng lực", "1.000.000 đồng/chứng chỉ"),
    ("Mua, thuê mua nhà ở xã hội", "Không"),
    ("Cấp phù hiệu", "Không"),
    ("Thông báo", "Không"),
    ("Chấm dứt hoạt động hộ kinh doanh", "Không"),
    ("Giải thể doanh nghiệp", "Không"),
    ("Cấp điện mới", "Không; chi phí đấu nối theo quy định của ngành điện"),
    ("Cấp Giấy phép bán lẻ rượu", "Khu vực thành thị: 200.000 đồng/lần; nông thôn: 100.000 đồng/lần"),
    ("Cấp Giấy phép sản xuất rượu thủ công", "Khu vực thành thị: 200.000 đồng/lần; nông thôn: 100.000 đồng/lần"),
    ("Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", "Thành phố, thị xã: 4.000.000 đồng/giấy phép; khu vực khác: 2.000.000 đồng/giấy phép"),
    ("Cấp thẻ hướng dẫn viên", "650.000 đồng/thẻ"),
    ("Xét tặng danh hiệu Gia đình văn hóa", "Không"),
    ("Thông báo tổ chức lễ hội", "Không"),
]


def fee_for(p):
    for prefix, fee in FEES:
        if p.name.startswith(prefix):
            return fee
    return FIELDS[p.field]["fee"]


def generic_guide(p, level, dept_name):
    f = FIELDS[p.field]
    online = ", trực tuyến trên Cổng Dịch vụ công" if level else ""
    if p.tier == "xa":
        place = "Bộ phận Một cửa UBND xã, phường"
        handler = ("Công an xã, phường" if p.handler == "16" else
                   dept_name if p.handler != "xa" else "Công chức chuyên môn UBND xã")
    else:
        place = "Trung tâm Phục vụ hành chính công tỉnh"
        handler = dept_name
    steps = ["Bước 1: Nộp hồ sơ tại %s%s hoặc qua bưu chính công ích" % (place, online),
             "Bước 2: Kiểm tra hồ sơ; nếu thiếu, hướng dẫn bổ sung một lần",
             "Bước 3: %s thẩm định, trình ký kết quả" % handler,
             "Bước 4: Nhận kết quả tại nơi nộp, qua bưu chính hoặc tài khoản dịch vụ công"]
    docs = ["Đơn hoặc tờ khai đề nghị " + lower_first(p.name) + " (theo mẫu)"] + f["docs"]
    return dict(time=days_text(p.days), fee=fee_for(p), who=f["who"], docs=docs, steps=steps,
                legal=f["legal"])


PROC_HEADER = ["Mã TTHC", "Tên TTHC", "Lĩnh vực", "Đối tượng", "Cơ quan công khai",
               "Cấp thực hiện", "Tình trạng", "QĐ Công bố", "Mức độ", "Thời hạn giải quyết",
               "Phí, lệ phí", "Thành phần hồ sơ", "Trình tự thực hiện", "Căn cứ pháp lý",
               "Nơi tiếp nhận", "Nộp trực tuyến", "Số hồ sơ"]


def publisher(dept):
    """"Sở Tư pháp" -> "Sở Tư pháp tỉnh Sơn Lâm", "Công an tỉnh" -> "Công an tỉnh Sơn Lâm"."""
    if dept.endswith("Sơn Lâm"):
        return dept
    return dept + (" Sơn Lâm" if dept.endswith(" tỉnh") else " tỉnh Sơn Lâm")


def catalogue_rows(procs, i, mo, dept_names):
    rows = []
    season = 1.0 + 0.10 * math.sin((mo[1] - 3) * math.pi / 6.0)
    if mo[1] == 2:
        season *= 0.72          # Tết
    for p in sorted((p for p in procs if p.first_month <= i), key=lambda p: p.code):
        f = FIELDS[p.field]
        level = level_at(p, i)
        dept = dept_names[p.agency]
        g = p.guide or generic_guide(p, level, dept)
        if p.tier == "xa":
            where = ("Công an xã, phường nơi cư trú"
                     if p.handler == "16" else
                     "Bộ phận Một cửa UBND xã, phường")
        else:
            where = CENTRE
        n, date = f["decision"]
        decision = ("Quyết định số %d/QĐ-UBND ngày %s của Chủ tịch UBND tỉnh Sơn Lâm" % (n, date)
                    if p.first_month == 0 else
                    "Quyết định số 356/QĐ-UBND ngày 02/03/2026 của Chủ tịch UBND tỉnh Sơn Lâm")
        r = rng("dossiers", p.code, ym(mo))
        count = int(p.popularity * season * math.exp(r.gauss(0.0, 0.12)))
        rows.append([p.code, p.name, p.field, g.get("who", f["who"]), publisher(dept),
                     "Cấp xã" if p.tier == "xa" else "Cấp tỉnh", "Còn hiệu lực", decision, level,
                     g["time"], g["fee"], "\n".join(g["docs"]), "\n".join(g["steps"]),
                     "\n".join(g["legal"]), where, DVC_URL + p.code if level else "", str(count)])
    return rows


# --------------------------------------------------------------------------------------------
# Late dossiers
# --------------------------------------------------------------------------------------------

# Public holidays (offices closed), beside Saturdays and Sundays.
HOLIDAYS = {dt.date(2026, 1, 1)} | {dt.date(2026, 2, 14) + dt.timedelta(days=k) for k in range(9)} \
    | {dt.date(2026, 4, 27), dt.date(2026, 4, 30), dt.date(2026, 5, 1), dt.date(2026, 9, 1),
       dt.date(2026, 9, 2)}


def workday(d):
    return d.weekday() < 5 and d not in HOLIDAYS


def add_workdays(d, n):
    while n > 0:
        d += dt.timedelta(days=1)
        if workday(d):
            n -= 1
    return d


def sub_workdays(d, n):
    while n > 0:
        d -= dt.timedelta(days=1)
        if workday(d):
            n -= 1
    return d


def next_workday(d):
    while not workday(d):
        d += dt.timedelta(days=1)
    return d


SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương",
            "Đinh", "Hà", "Lương", "Tạ", "Nông", "Triệu"]
ETHNIC_SURNAMES = ["Lò", "Lường", "Cầm", "Tòng", "Vàng", "Giàng", "Sùng", "Mùa", "Hờ", "Thào",
                   "Lý", "Bàn"]
MALE = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Minh", "Nam", "Phong",
        "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Việt", "Hiếu", "Toàn", "Đạt"]
FEMALE = ["Anh", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngọc", "Nhung", "Phương",
          "Thảo", "Trang", "Vân", "Yến", "Huyền", "Thủy", "Loan"]
ETHNIC_MALE = ["Páo", "Sử", "Chứ", "Dế", "Pó", "Tủa", "Thái", "Xuân", "Lả", "Chinh"]
ETHNIC_FEMALE = ["Mai", "Dung", "Lan", "Xuân", "Mỷ", "Say"]


def person(r, ethnic):
    female = r.random() < 0.45
    if ethnic and r.random() < 0.7:
        sur = r.choice(ETHNIC_SURNAMES)
        if female:
            return "%s Thị %s" % (sur, r.choice(ETHNIC_FEMALE))
        mid = "A" if sur in ("Giàng", "Sùng", "Mùa", "Hờ", "Thào", "Vàng") else "Văn"
        return "%s %s %s" % (sur, mid if r.random() < 0.7 else "Seo", r.choice(ETHNIC_MALE))
    sur = r.choice(SURNAMES)
    if female:
        return "%s %s %s" % (sur, r.choice(("Thị", "Thị", "Thu", "Ngọc", "Thanh")), r.choice(FEMALE))
    return "%s %s %s" % (sur, r.choice(("Văn", "Văn", "Đức", "Minh", "Quang", "Hữu")), r.choice(MALE))


# Offices of the departments that late dossiers are charged to.
DEPT_OFFICES = {
    "01": ["Phòng Hành chính tư pháp", "Phòng Bổ trợ tư pháp"],
    "02": ["Phòng Lao động - Việc làm", "Phòng Người có công", "Phòng Công chức, viên chức"],
    "03": ["Phòng Đăng ký kinh doanh", "Phòng Quản lý đầu tư", "Phòng Tài chính hành chính sự nghiệp"],
    "04": ["Phòng Quản lý xây dựng", "Phòng Quản lý vận tải, phương tiện và người lái", "Phòng Quản lý nhà và thị trường bất động sản"],
    "05": ["Văn phòng Đăng ký đất đai", "Phòng Quản lý đất đai", "Phòng Môi trường", "Chi cục Chăn nuôi, Thú y và Thủy sản"],
    "06": ["Phòng Quản lý thương mại", "Phòng Quản lý năng lượng"],
    "07": ["Phòng Nghiệp vụ Y - Dược", "Phòng Bảo trợ xã hội", "Chi cục An toàn vệ sinh thực phẩm"],
    "08": ["Phòng Giáo dục phổ thông", "Phòng Quản lý chất lượng"],
    "09": ["Phòng Quản lý văn hóa", "Phòng Quản lý du lịch", "Phòng Báo chí, Xuất bản"],
    "10": ["Phòng Quản lý công nghệ", "Phòng Bưu chính, Viễn thông"],
    "11": ["Phòng Tôn giáo", "Phòng Chính sách dân tộc"],
    "12": ["Phòng Lãnh sự"],
    "13": ["Phòng Hành chính - Tổ chức"],
    "14": ["Phòng Tiếp công dân và Xử lý đơn thư"],
    "15": ["Phòng Quản lý đầu tư", "Phòng Quản lý lao động"],
    "16": ["Phòng Cảnh sát quản lý hành chính về trật tự xã hội", "Phòng Quản lý xuất nhập cảnh", "Phòng Cảnh sát giao thông"],
    "17": ["Phòng Chính trị"],
    "18": ["Phòng Chế độ bảo hiểm xã hội", "Phòng Quản lý thu"],
    "19": ["Phòng Nghiệp vụ - Dự toán - Pháp chế"],
    "20": ["Phòng Kinh doanh"],
}

REASONS_LAND = ["Chờ kết quả xác minh nguồn gốc, thời điểm sử dụng đất",
                "Chờ kết quả đo đạc, trích đo địa chính thửa đất",
                "Hồ sơ phải lấy ý kiến cơ quan liên quan",
                "Chờ cơ quan thuế xác định nghĩa vụ tài chính",
                "Có đơn tranh chấp, phải tạm dừng để xác minh",
                "Dữ liệu địa chính chưa được chỉnh lý, phải đối soát bản đồ",
                "Chậm luân chuyển hồ sơ giữa Bộ phận Một cửa và Văn phòng Đăng ký đất đai"]
REASONS = ["Chờ kết quả xác minh", "Hồ sơ phải lấy ý kiến cơ quan liên quan",
           "Hệ thống phần mềm lỗi, không chuyển được hồ sơ sang bước tiếp theo",
           "Mất kết nối với Cơ sở dữ liệu quốc gia về dân cư",
           "Cán bộ thụ lý nghỉ ốm, chưa bố trí người thay",
           "Số lượng hồ sơ tăng đột biến", "Chờ ý kiến thẩm định của cơ quan chuyên môn cấp tỉnh",
           "Sai sót trong khâu thẩm định, phải thẩm định lại",
           "Chậm luân chuyển hồ sơ giữa các bộ phận",
           "Chưa đồng bộ được dữ liệu hộ tịch điện tử", "Chờ kiểm tra thực tế tại cơ sở"]

DELAY_HEADER = ["Số hồ sơ", "Mã đơn vị", "Mã TTHC", "Người chịu trách nhiệm", "Ngày tiếp nhận",
                "Hạn trả", "Ngày trả", "Lý do", "Đã xin lỗi", "Ngày xin lỗi", "Hẹn trả mới"]


class Delays:
    def __init__(self, units, procs):
        self.units = units
        self.by_code = {u.code: u for u in units}
        self.communes = [u for u in units if u.tier == "xa-phuong"]
        self.procs = procs
        self.officials = {}     # (unit code, role) -> list of names
        self.carry = []         # dossiers still open at the end of the previous month

    def officials_for(self, unit, role):
        key = (unit.code, role)
        if key not in self.officials:
            r = rng("officials", unit.code, role)
            self.officials[key] = [person(r, unit.mountain) for _ in range(r.choice((1, 2, 2, 3)))]
        return self.officials[key]

    def responsible(self, r, unit, p):
        role = FIELDS[p.field]["role"]
        short = unit.name.split(" ", 1)[1]          # "Xã Tân Lập" -> "Tân Lập"
        if unit.tier == "xa-phuong":
            kind = unit.name.split(" ", 1)[0].lower()  # xã / phường
            if r.random() < 0.22:
                return r.choice(["Phòng Kinh tế UBND %s %s" % (kind, short),
                                 "Phòng Văn hóa - Xã hội UBND %s %s" % (kind, short),
                                 "Trung tâm Phục vụ hành chính công %s %s" % (kind, short)])
            if p.field == "Đất đai" and r.random() < 0.3:
                return "Chi nhánh Văn phòng Đăng ký đất đai khu vực %s" % short
            name = r.choice(self.officials_for(unit, role or "công chức Văn phòng - Thống kê"))
            return "%s - %s" % (name, role or "công chức Văn phòng - Thống kê")
        dept = unit.code.split(".")[1]
        if dept == "16" and p.tier == "xa":
            c = r.choice(self.communes)
            return "Công an %s" % lower_first(c.name)
        office = r.choice(DEPT_OFFICES[dept])
        if r.random() < 0.45:
            return "%s - %s" % (office, unit.name)
        name = r.choice(self.officials_for(unit, office))
        title = r.choice(("chuyên viên", "chuyên viên", "chuyên viên chính", "phó trưởng phòng")
                         if office.startswith("Phòng") else ("chuyên viên", "viên chức"))
        return "%s - %s %s, %s" % (name, title, office, unit.name)

    def month(self, i, mo):
        r = rng("delays", ym(mo))
        first, last = month_first(mo), month_last(mo)
        n = min(390, max(160, int(round(345 - 12.0 * i + r.gauss(0.0, 20.0)))))
        if mo[1] == 2:
            n = int(n * 0.8)
        apology_rate = min(0.95, 0.55 + 0.30 * i / (NMONTHS - 1) + r.gauss(0.0, 0.025))
        avail = [p for p in self.procs if p.first_month <= i and p.days >= 1]
        # Since July 2025 communes handle most land dossiers of households; the provincial
        # land registration office the rest.
        land = [p for p in avail if p.field == "Đất đai"]
        land_w = [max(1.0, p.popularity) ** 0.6 for p in land]
        xa_w = sum(w for p, w in zip(land, land_w) if p.tier == "xa")
        tinh_w = sum(w for p, w in zip(land, land_w) if p.tier != "xa")
        land_w = [w * (0.6 / xa_w if p.tier == "xa" else 0.4 / tinh_w)
                  for p, w in zip(land, land_w)]
        other = [p for p in avail if p.field != "Đất đai"]
        other_w = [max(1.0, p.popularity) ** 0.6 for p in other]
        # Units late more often where on-time handling scored worse.
        cw = [(20.6 - u.scores[mo]["TDGQ"] / 100.0) * (1.4 if u.mountain else 1.0)
              for u in self.communes]
        rows, seen = [], set()
        # Dossiers carried from last month: still late, now returned or still open.
        for d in self.carry:
            if r.random() < 0.75:
                ret = None if r.random() < 0.15 else next_workday(
                    first + dt.timedelta(days=r.randrange(0, 20)))
                if ret and d["new"] and ret <= d["apology"]:
                    ret = None
                d = dict(d, returned=ret)
                rows.append(d)
                seen.add(d["no"])
        while len(rows) < n:
            p = r.choices(land, land_w)[0] if r.random() < 0.47 else r.choices(other, other_w)[0]
            if p.handler == "xa":
                unit = r.choices(self.communes, cw)[0]
            else:
                unit = self.by_code["%s.%s" % (PROVINCE_CODE, p.handler)]
            d = self.dossier(r, unit, p, first, last, apology_rate)
            if d and d["no"] not in seen:
                seen.add(d["no"])
                rows.append(d)
        self.carry = [d for d in rows if d["returned"] is None]
        rows.sort(key=lambda d: (d["due"], d["no"]))
        return rows

    def dossier(self, r, unit, p, first, last, apology_rate):
        # The due date falls in the month (most) or earlier for dossiers still in hand.
        if r.random() < 0.9:
            due = next_workday(first + dt.timedelta(days=r.randrange(0, (last - first).days + 1)))
        else:
            due = next_workday(first - dt.timedelta(days=r.randrange(4, 21)))
        if due >= last:
            return None
        received = sub_workdays(due, p.days)
        late = int(min(40, 1 + r.expovariate(1 / 5.0)))
        returned = due + dt.timedelta(days=late)
        returned = next_workday(returned)
        if due < first and returned < first:
            returned = next_workday(first + dt.timedelta(days=r.randrange(0, 10)))
        apology = new = None
        if r.random() < apology_rate:
            apology = next_workday(due + dt.timedelta(days=r.choice((0, 0, 0, 1, 1, 2))))
            if due < first:
                apology = due if r.random() < 0.5 else next_workday(first)
            new = add_workdays(apology, r.choice((2, 3, 5, 5, 7, 10)))
            if returned > new and r.random() < 0.75:
                returned = new                  # kept the new promise
            if returned < apology:
                returned = next_workday(apology + dt.timedelta(days=1))
            if apology > last:
                apology = new = None
        if returned < first:
            returned = next_workday(first + dt.timedelta(days=r.randrange(0, 10)))
            if apology and returned < apology:
                returned = apology
        if returned > last:
            returned = None
        no = "%s-%s-%04d" % (unit.code, received.strftime("%y%m%d"), r.randrange(1, 2000))
        reason = r.choice(REASONS_LAND if p.field == "Đất đai" else REASONS)
        if unit.name == "Xã Đạo Trù" and first == dt.date(2026, 4, 1):
            reason = "Hệ thống phần mềm lỗi, không chuyển được hồ sơ sang bước tiếp theo"
        return dict(no=no, unit=unit.code, code=p.code, field=p.field,
                    who=self.responsible(r, unit, p), received=received, due=due,
                    returned=returned, reason=reason, apology=apology, new=new)


def delay_rows(ds):
    return [[d["no"], d["unit"], d["code"], d["who"], dmy(d["received"]), dmy(d["due"]),
             dmy(d["returned"]), d["reason"], "có" if d["apology"] else "không",
             dmy(d["apology"]), dmy(d["new"])] for d in ds]


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------

def check_scores(units, mos, prov):
    ties = {"so-nganh": 0, "xa-phuong": 0}
    for mo in mos:
        for u in units:
            row = u.scores[mo]
            for g, _ in GROUPS:
                assert 0 <= row[g] <= GMAX[g], (u.code, mo, g, row[g])
        for tier in ties:
            tot = [total(u.scores[mo]) for u in units if u.tier == tier]
            if len(set(tot)) < len(tot):
                ties[tier] += 1
        for g, _ in GROUPS:
            assert 0 <= prov[mo][g] <= GMAX[g]
    assert ties["so-nganh"] >= 3 and ties["xa-phuong"] >= 3, ties
    depts = [total(u.scores[mo]) for mo in mos for u in units if u.tier == "so-nganh"]
    comm = [total(u.scores[mo]) for mo in mos for u in units if u.tier == "xa-phuong"]
    share = sum(1 for t in depts if 7500 <= t <= 9700) / len(depts)
    assert share >= 0.8, ("departments in 75-97", share)
    share = sum(1 for t in comm if 5500 <= t <= 9500) / len(comm)
    assert share >= 0.9, ("communes in 55-95", share)
    assert min(comm) < 6000 and min(depts) < 7500, "a few poor units"


def check_delays(mo, ds, units, codes):
    first, last = month_first(mo), month_last(mo)
    unit_codes = {u.code for u in units}
    nos = [d["no"] for d in ds]
    assert len(nos) == len(set(nos)), "duplicate dossier number"
    assert 150 <= len(ds) <= 420, (mo, len(ds))
    land = sum(1 for d in ds if d["field"] == "Đất đai") / len(ds)
    assert 0.35 <= land <= 0.55, (mo, land)
    for d in ds:
        assert re.fullmatch(r"H99\.\d+-\d{6}-\d{4}", d["no"]), d["no"]
        assert d["unit"] in unit_codes and d["code"] in codes, d
        assert d["received"] <= d["due"] <= last, d
        if d["returned"]:
            assert d["due"] < d["returned"] <= last, d
            assert d["returned"] >= first, d
        if d["apology"]:
            assert d["due"] <= d["apology"] <= last and d["new"] > d["apology"], d
            assert not d["returned"] or d["returned"] >= d["apology"], d
        else:
            assert d["new"] is None, d
        for k in ("received", "due", "returned", "apology", "new"):
            assert d[k] is None or workday(d[k]), (k, d)


def check_catalogue(rows):
    codes = [r[0] for r in rows]
    assert len(codes) == len(set(codes)), "duplicate procedure code"
    for row in rows:
        assert re.fullmatch(r"\d\.\d{6}", row[0]), row[0]
        assert row[1] and row[2]
        assert row[8] in ("toàn trình", "một phần", "")
        assert (row[15] != "") == (row[8] != ""), row[0]
    assert 250 <= len(rows) <= 300, len(rows)


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------

def csv_bytes(header, rows):
    s = io.StringIO()
    w = csv.writer(s, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return s.getvalue().encode("utf-8")


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    out = argv[1] if len(argv) > 1 else os.path.join(here, "..", "content", "sample")
    mos = months()
    units = make_units()
    score_units(units, mos)
    force_ties(units, mos)
    prov = {mo: province_row(units, mo) for mo in mos}
    check_scores(units, mos, prov)
    nat = national_rows(mos, prov)
    procs = make_catalogue()
    dept_names = {u.code.split(".")[1]: u.name for u in units if u.tier == "so-nganh"}
    delays = Delays(units, procs)
    files = []
    score_header = (["Tháng", "Mã đơn vị", "Tên đơn vị", "Cấp"] + [g for g, _ in GROUPS]
                    + ["Tổng điểm"] + COUNT_HEADER)
    for i, mo in enumerate(mos):
        m = ym(mo)
        rows = [[m, PROVINCE_CODE, PROVINCE_NAME, "tinh"] + [centi(prov[mo][g]) for g, _ in GROUPS]
                + [centi(total(prov[mo]))] + [""] * len(COUNT_HEADER)]
        for u in units:
            s = u.scores[mo]
            rows.append([m, u.code, u.name, u.tier] + [centi(s[g]) for g, _ in GROUPS]
                        + [centi(total(s))] + unit_counts(u, mo, s))
        files.append(("diem/%s.csv" % m, csv_bytes(score_header, rows)))

        nrows = []
        for code, name, s in nat[mo]:
            nrows.append([m, code, name] + [centi(s[g]) for g, _ in GROUPS] + [centi(total(s))])
        h99 = [t for t in nat[mo] if t[0] == PROVINCE_CODE]
        assert len(nat[mo]) == 35 and len({t[0] for t in nat[mo]}) == 35
        assert total(h99[0][2]) == total(prov[mo])
        files.append(("quoc-gia/%s.csv" % m,
                      csv_bytes(["Tháng", "Mã tỉnh", "Tên tỉnh"] + [g for g, _ in GROUPS]
                                + ["Tổng điểm"], nrows)))

        crows = catalogue_rows(procs, i, mo, dept_names)
        check_catalogue(crows)
        data = csv_bytes(PROC_HEADER, crows)
        assert len(data) < 400 * 1024, ("catalogue too large", m, len(data))
        files.append(("thu-tuc/%s.csv" % m, data))

        ds = delays.month(i, mo)
        check_delays(mo, ds, units, {r[0] for r in crows})
        files.append(("tre-han/%s.csv" % m, csv_bytes(DELAY_HEADER, delay_rows(ds))))
    for name, data in files:
        write(os.path.join(out, name), data)
    total_bytes = sum(len(d) for _, d in files)
    print("mksample: wrote %d files, %d bytes, under %s" % (len(files), total_bytes,
                                                            os.path.normpath(out)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
