#!/usr/bin/env python3
"""Writes a directory tree that looks like a built gen site, for the deploy tests (gen build
is a separate module): a home page, section indexes, leaf pages, charts, CSV and JSON data,
listing files. `--update` is the next month: one month more, changed indexes and unit pages,
and one old section gone. `--big N` adds N files of 256 KiB (for the kill test).
Deterministic: the same arguments give byte-identical trees."""
import argparse, hashlib, os, shutil

UNITS = ["h99-01", "h99-02", "h99-03", "h99-100", "h99-101", "h99-102"]

def page(title, links, extra=""):
    items = "\n".join(f'<li><a href="{h}">{t}</a></li>' for h, t in links)
    return (f'<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">'
            f'<title>{title}</title><link rel="stylesheet" href="/css/site.css">'
            f'<script src="/js/site.js" defer></script></head>\n<body><h1>{title}</h1>\n'
            f'<ul>\n{items}\n</ul>\n{extra}</body></html>\n')

def blob(name, size):
    out, seed = bytearray(), name.encode()
    while len(out) < size:
        seed = hashlib.sha256(seed).digest()
        out += seed
    return bytes(out[:size])

def write(root, rel, data):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())

def site(root, months, update, big):
    last = months[-1]
    w = lambda rel, data: write(root, rel, data)
    w("css/site.css", "body{font-family:sans-serif;max-width:60em;margin:auto}\n")
    w("js/site.js", "document.documentElement.className='js';\n")
    w("img/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n')
    for m in months:
        w(f"charts/{m}/xep-hang.png", blob("png" + m, 3000))
        rows = "".join(f"{m},{u},Đơn vị {u},so-nganh,18,19,11,9,17,20,94\n" for u in UNITS)
        w(f"du-lieu/{m}/diem.csv", "Tháng,Mã đơn vị,Tên đơn vị,Cấp,CKMB,TDGQ,CLGQ,TTTT,MDHL,"
          "MDSH,Tổng điểm\n" + rows)
        w(f"du-lieu/{m}/diem.json", '{"month": "%s", "units": %d}\n' % (m, len(UNITS)))
        w(f"du-lieu/{m}/ghi chú.txt", f"Ghi chú tháng {m}\n")
        w(f"xep-hang/{m}/index.html", page(f"Xếp hạng {m}",
          [(f"/co-quan/{u}/", u) for u in UNITS] +
          [(f"/du-lieu/{m}/diem.csv", "CSV"), (f"/du-lieu/{m}/ghi%20ch%C3%BA.txt", "Ghi chú")],
          f'<img src="/charts/{m}/xep-hang.png" alt="Biểu đồ {m}">\n'))
    for u in UNITS:
        w(f"co-quan/{u}/index.html", page(f"Đơn vị {u}",
          [(f"/xep-hang/{m}/", m) for m in months] + [("../", "Các đơn vị")]))
    w("co-quan/index.html", page("Các đơn vị", [(f"{u}/", u) for u in UNITS]))
    w("xep-hang/index.html", page("Xếp hạng", [(f"{m}/", m) for m in months]))
    w("du-lieu/index.html", page("Dữ liệu mở", [(f"{m}/diem.csv", m) for m in months] +
      [(f"{m}/diem.json", m + " JSON") for m in months]))
    if not update:
        w("tin-cu/index.html", page("Tin cũ", [("bai-1.html", "Bài 1")]))
        w("tin-cu/bai-1.html", page("Bài 1", [("/", "Trang chủ")]))
    w("404.html", page("Không tìm thấy", [("/", "Trang chủ")]))
    w("robots.txt", "User-agent: *\nSitemap: /sitemap.xml\n")
    urls = ["/", "/xep-hang/", "/co-quan/"] + [f"/xep-hang/{m}/" for m in months]
    w("sitemap.xml", '<?xml version="1.0"?>\n<urlset>' +
      "".join(f"<url><loc>{u}</loc></url>" for u in urls) + "</urlset>\n")
    w("feed.xml", f'<?xml version="1.0"?>\n<feed><title>Tháng {last}</title></feed>\n')
    home = [("/xep-hang/", "Xếp hạng"), ("/co-quan/", "Đơn vị"), ("/du-lieu/", "Dữ liệu"),
            (f"/xep-hang/{last}/", "Tháng này")] + ([] if update else [("/tin-cu/", "Tin cũ")])
    w("index.html", page(f"Chỉ số phục vụ — tháng {last}", home,
      f'<img src="/img/logo.svg" alt="Logo"><img src="/charts/{last}/xep-hang.png" alt="Biểu đồ">\n'))
    for i in range(big):
        w(f"du-lieu/lon/tep-{i:03d}.bin", blob(f"big{i}", 256 * 1024))

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--big", type=int, default=0)
    a = ap.parse_args()
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    months = ["2025-09", "2025-10"] + (["2025-11"] if a.update else [])
    site(a.out, months, a.update, a.big)

main()
