#!/usr/bin/env python3
"""mkbench: deterministic data for `make bench` (tools/bench.sh), never committed.

Writes CSVs in the formats of content/sample/ (README.md, "Input formats"), so `gen pull`
reads them through file: URLs exactly as it reads the demo's:

    python3 tools/mkbench.py data OUTDIR PROVINCES MONTHS
        OUTDIR/{diem,quoc-gia,thu-tuc,tre-han}/YYYY-MM.csv for MONTHS months ending 2026-10.
        PROVINCES 1: one province, ~120 units (1 province row, 20 departments, 100 communes),
        2,000 procedures, 500 late dossiers a month.
        PROVINCES 34: the 34 provinces held in ONE store as one big "province" H99 (every
        department and commune of the 34, ~4,500 units; 500 late dossiers a month each,
        17,000 in all; the 2,000 procedures of the shared national catalogue).
    python3 tools/mkbench.py guides OUTDIR N
        OUTDIR/huong-dan/gNNNNN.md: N Markdown guides shaped like content/huong-dan/*.md
        (front matter title/summary/weight/updated, headings, paragraphs, lists, links).

Every random choice comes from random.Random seeded with a fixed string (str seeds hash with
SHA-512, independent of PYTHONHASHSEED); nothing reads the clock. Standard library only.
"""

import csv
import datetime as dt
import io
import os
import random
import sys

GROUPS = [("CKMB", 18), ("TDGQ", 20), ("CLGQ", 12), ("TTTT", 10), ("MDHL", 18), ("MDSH", 22)]
LAST = (2026, 10)
DEPTS = 20
COMMUNES = 112            # per province at national scale (34 x 132 + 1 = 4,489 units)
PROCEDURES = 2000
LATE_PER_PROVINCE = 500
FIELDS = ["Hộ tịch", "Đất đai", "Xây dựng", "Đăng ký kinh doanh", "Giáo dục và Đào tạo",
          "Y tế", "Lao động", "Bảo trợ xã hội", "Người có công", "Tư pháp", "Công thương",
          "Giao thông vận tải", "Tài nguyên nước", "Môi trường", "Nông nghiệp", "Thủy sản",
          "Văn hóa", "Du lịch", "Thể thao", "Thông tin và Truyền thông", "Nội vụ", "Tôn giáo",
          "Thi đua khen thưởng", "Chứng thực", "Quốc tịch", "Lý lịch tư pháp", "Đầu tư",
          "Tài chính", "Thuế", "Khoa học và Công nghệ"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
GIVEN = ["An", "Bình", "Cường", "Hà", "Hạnh", "Hoa", "Hùng", "Lan", "Linh", "Minh", "Nam"]
REASONS = ["Chờ kết quả xác minh", "Hồ sơ phải lấy ý kiến cơ quan liên quan",
           "Chờ kết quả xác minh nguồn gốc, thời điểm sử dụng đất", "Cán bộ thụ lý nghỉ ốm",
           "Hệ thống một cửa gián đoạn", ""]
WORDS = ("hồ sơ dịch vụ công trực tuyến tài khoản định danh điện tử giấy tờ bản sao chứng "
         "thực phí lệ phí thanh toán kết quả bưu điện cán bộ một cửa tra cứu mã số hẹn trả "
         "người dân doanh nghiệp ủy ban xã phường tỉnh cổng quốc gia đăng ký nộp nhận").split()


def months(n):
    y, m = LAST
    out = []
    for _ in range(n):
        out.append((y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out[::-1]


def ym(mo):
    return "%04d-%02d" % mo


def centi(v):
    return "%d" % (v // 100) if v % 100 == 0 else "%d.%02d" % (v // 100, v % 100)


def csv_bytes(header, rows):
    s = io.StringIO()
    w = csv.writer(s, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return s.getvalue().encode("utf-8")


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def make_units(provinces):
    """[(code, name, tier, base)]; base is the unit's level in [0.55, 0.98]."""
    r = random.Random("bench-units-%d" % provinces)
    units = [("H99", "Tỉnh Bench", "tinh", 0.8)]
    for p in range(1, provinces + 1):
        pre = "H99" if provinces == 1 else "H%02d" % p
        tag = "" if provinces == 1 else " (%s)" % pre
        for d in range(1, DEPTS + 1):
            units.append(("%s.%02d" % (pre, d), "Sở số %d%s" % (d, tag), "so-nganh",
                          r.uniform(0.62, 0.98)))
        for c in range(100 if provinces == 1 else COMMUNES):
            units.append(("%s.%d" % (pre, 100 + c), "Xã Bench %d%s" % (100 + c, tag),
                          "xa-phuong", r.uniform(0.55, 0.97)))
    return units


def score_rows(units, mo):
    m = ym(mo)
    rows = []
    sums = [0] * len(GROUPS)
    for code, name, tier, base in units[1:]:
        r = random.Random("bench-score-%s-%s" % (code, m))
        vals = []
        for g, (_, mx) in enumerate(GROUPS):
            v = int(mx * 100 * min(1.0, max(0.0, base + r.gauss(0, 0.05))))
            vals.append(v)
            sums[g] += v
        rec = r.randint(50, 3000)
        fee = r.randint(0, rec)
        counts = [rec, r.randint(rec * 8 // 10, rec), r.randint(0, rec), fee,
                  r.randint(0, fee), r.randint(rec // 2, rec)]
        rows.append([m, code, name, tier] + [centi(v) for v in vals] + [centi(sum(vals))]
                    + [str(c) for c in counts])
    prov = [s // (len(units) - 1) for s in sums]
    rows.insert(0, [m, units[0][0], units[0][1], "tinh"] + [centi(v) for v in prov]
                + [centi(sum(prov))] + [""] * 6)
    return rows


SCORE_HEADER = (["Tháng", "Mã đơn vị", "Tên đơn vị", "Cấp"] + [g for g, _ in GROUPS]
                + ["Tổng điểm", "Tiếp nhận", "Đúng hạn", "Trực tuyến", "Có phí",
                   "Thanh toán trực tuyến", "Số hóa"])


def national_rows(mo):
    m = ym(mo)
    rows = []
    for p in list(range(1, 35)) + [99]:
        r = random.Random("bench-national-%d-%s" % (p, m))
        vals = [int(mx * 100 * r.uniform(0.7, 0.97)) for _, mx in GROUPS]
        rows.append([m, "H%02d" % p, "Tỉnh số %d" % p] + [centi(v) for v in vals]
                    + [centi(sum(vals))])
    return rows


PROC_HEADER = ["Mã TTHC", "Tên TTHC", "Lĩnh vực", "Đối tượng", "Cơ quan công khai",
               "Cấp thực hiện", "Tình trạng", "QĐ Công bố", "Mức độ", "Thời hạn giải quyết",
               "Phí, lệ phí", "Thành phần hồ sơ", "Trình tự thực hiện", "Căn cứ pháp lý",
               "Nơi tiếp nhận", "Nộp trực tuyến", "Số hồ sơ"]


def procedures():
    r = random.Random("bench-procedures")
    out = []
    for i in range(PROCEDURES):
        code = "%d.%06d" % (1 + i % 3, 1000 + i)
        field = FIELDS[i % len(FIELDS)]
        level = r.choice(["toàn trình", "toàn trình", "một phần", ""])
        out.append((code, "Thủ tục %s số %d" % (field.lower(), i + 1), field, level,
                    r.randint(1, 30), r.choice(["Không", "50.000 đồng/lần", "100.000 đồng"]),
                    "xa" if i % 2 else "tinh", r.randint(0, 4000)))
    return out


def procedure_rows(procs, mo):
    rows = []
    for code, name, field, level, days, fee, tier, pop in procs:
        r = random.Random("bench-dossiers-%s-%s" % (code, ym(mo)))
        docs = "\n".join("Giấy tờ số %d của thủ tục %s (bản chính hoặc bản sao)" % (k, code)
                         for k in range(1, 4))
        steps = "\n".join("Bước %d: %s" % (k, s) for k, s in enumerate(
            ["Nộp hồ sơ tại Bộ phận Một cửa hoặc trực tuyến", "Kiểm tra, tiếp nhận hồ sơ",
             "Thẩm định, trình ký kết quả", "Trả kết quả"], 1))
        rows.append([code, name, field, "Cá nhân, tổ chức", "Sở số %d tỉnh Bench" % (1 + int(
            code[2:]) % DEPTS), "Cấp xã" if tier == "xa" else "Cấp tỉnh", "Còn hiệu lực",
            "Quyết định số 1/QĐ-UBND ngày 01/07/2025 của Chủ tịch UBND tỉnh Bench", level,
            "%02d ngày làm việc" % days, fee, docs, steps,
            "Luật Bench năm 2025\nNghị định số 1/2025/NĐ-CP", "Bộ phận Một cửa",
            "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?"
            "ma_thu_tuc=" + code if level else "", str(int(pop * r.uniform(0.8, 1.2)))])
    return rows


DELAY_HEADER = ["Số hồ sơ", "Mã đơn vị", "Mã TTHC", "Người chịu trách nhiệm", "Ngày tiếp nhận",
                "Hạn trả", "Ngày trả", "Lý do", "Đã xin lỗi", "Ngày xin lỗi", "Hẹn trả mới"]


def dmy(d):
    return d.strftime("%d/%m/%Y")


def delay_rows(units, procs, mo, provinces):
    r = random.Random("bench-delays-%d-%s" % (provinces, ym(mo)))
    first = dt.date(mo[0], mo[1], 1)
    last = (dt.date(mo[0] + mo[1] // 12, mo[1] % 12 + 1, 1) - dt.timedelta(days=1))
    span = (last - first).days
    late_units = units[1:]
    rows = []
    for k in range(LATE_PER_PROVINCE * provinces):
        code = r.choice(late_units)[0]
        proc = procs[r.randrange(len(procs))][0]
        returned = first + dt.timedelta(days=r.randint(0, span))
        due = returned - dt.timedelta(days=r.randint(1, 20))
        received = due - dt.timedelta(days=r.randint(1, 30))
        who = "%s %s - công chức đơn vị %s" % (r.choice(SURNAMES), r.choice(GIVEN), code) \
            if r.random() < 0.6 else "Phòng %d đơn vị %s" % (r.randint(1, 4), code)
        still_open = r.random() < 0.05 and due < last
        apology = r.random() < 0.7
        rows.append(["%s-%s-%05d" % (code, returned.strftime("%y%m%d"), k), code, proc, who,
                     dmy(received), dmy(due), "" if still_open else dmy(returned),
                     r.choice(REASONS), "có" if apology else "không",
                     dmy(due + dt.timedelta(days=1)) if apology else "",
                     dmy(returned + dt.timedelta(days=2)) if apology else ""])
    return rows


def cmd_data(out, provinces, nmonths):
    units = make_units(provinces)
    procs = procedures()
    for mo in months(nmonths):
        m = ym(mo)
        write(os.path.join(out, "diem", m + ".csv"), csv_bytes(SCORE_HEADER,
                                                               score_rows(units, mo)))
        write(os.path.join(out, "quoc-gia", m + ".csv"), csv_bytes(
            ["Tháng", "Mã tỉnh", "Tên tỉnh"] + [g for g, _ in GROUPS] + ["Tổng điểm"],
            national_rows(mo)))
        write(os.path.join(out, "thu-tuc", m + ".csv"), csv_bytes(PROC_HEADER,
                                                                  procedure_rows(procs, mo)))
        write(os.path.join(out, "tre-han", m + ".csv"), csv_bytes(
            DELAY_HEADER, delay_rows(units, procs, mo, provinces)))
    print("mkbench: %d units, %d procedures, %d late dossiers a month, %d months in %s" % (
        len(units), len(procs), LATE_PER_PROVINCE * provinces, nmonths, out))


def paragraph(r, n):
    words = [r.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    k = r.randrange(2, n - 2)
    words[k] = "**%s %s**" % (words[k], words[k + 1])
    del words[k + 1]
    return " ".join(words) + "."


def guide(i):
    """About 4 KB, like content/huong-dan/*.md: six sections of prose, lists and links."""
    r = random.Random("bench-guide-%d" % i)
    out = ["---", "title: Hướng dẫn số %d, %s %s" % (i, r.choice(WORDS), r.choice(WORDS)),
           "summary: %s" % paragraph(r, 18), "weight: %d" % (i % 100),
           "updated: 2026-%02d-%02d" % (1 + i % 12, 1 + i % 28), "---", "",
           paragraph(r, 40), ""]
    for s in range(6):
        out += ["## Phần %d, %s %s" % (s + 1, r.choice(WORDS), r.choice(WORDS)), ""]
        if s % 2:
            out += ["%d. %s" % (k, paragraph(r, 12)) for k in range(1, 6)] + [""]
        else:
            out += [paragraph(r, 45), ""]
            out += ["- %s, xem [hướng dẫn %d](/huong-dan/g%05d/)." % (
                paragraph(r, 8)[:-1], (i + k) % 100000, (i + k) % 100000) for k in range(3)]
            out += [""]
    return "\n".join(out).encode("utf-8")


def cmd_guides(out, n):
    for i in range(n):
        write(os.path.join(out, "huong-dan", "g%05d.md" % i), guide(i))
    write(os.path.join(out, "huong-dan", "_index.md"),
          "---\ntitle: Hướng dẫn\n---\n\nCác hướng dẫn sử dụng dịch vụ công.\n".encode())
    print("mkbench: %d guides in %s/huong-dan" % (n, out))


def main(argv):
    if len(argv) == 5 and argv[1] == "data":
        cmd_data(argv[2], int(argv[3]), int(argv[4]))
    elif len(argv) == 4 and argv[1] == "guides":
        cmd_guides(argv[2], int(argv[3]))
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
