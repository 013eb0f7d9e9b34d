# Thư viện pháp luật an ninh mạng — các lệnh thường dùng.
# Chỉ cần python3 (>= 3.11) và GNU make; mọi thứ khác được cài vào $(VENV).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SHARED ?= ../shared/corpus

.DEFAULT_GOAL := help
.PHONY: help install import link search serve site test check clean browser-deps
.PHONY: history new check-library check-site check-a11y release deploy rollback deploy-deps

help:
	@echo "Các lệnh:"
	@echo "  make serve    Cài đặt (nếu cần) rồi chạy thư viện tại http://127.0.0.1:8000"
	@echo "                (đổi địa chỉ: make serve ADDR=0.0.0.0:8000)"
	@echo "  make site     Dựng trang tĩnh vào thư mục site/ (mkdocs build --strict và chỉ mục tìm kiếm)"
	@echo "  make test     Kiểm tra mã (ruff) và chạy kiểm thử (pytest, cả trên Chromium)"
	@echo "  make bench    Đo hiệu năng trên thư viện tổng hợp 1.000 văn bản, ghi BENCHMARKS.md"
	@echo "                (khoảng 25 phút; make bench-10000: 10.000 văn bản, khoảng 30 phút)"
	@echo "  make browser-deps  Cài Chromium của Debian cho kiểm thử trình duyệt (cần root)"
	@echo "  make check    Mọi kiểm tra trước khi gửi yêu cầu hợp nhất: siêu dữ liệu và dẫn chiếu,"
	@echo "                dựng trang nghiêm ngặt, liên kết và neo, khả năng tiếp cận, kiểm thử"
	@echo "  make new      Tạo khung văn bản hoặc cẩm nang mới (hỏi loại, số hiệu, ngày, cơ quan)"
	@echo "  make release  Đóng gói site/ thành bản phát hành dist/*.tar.gz kèm mã SHA-256"
	@echo "  make deploy   Xuất bản bản phát hành lên máy chủ trong deploy.yml (chuyển một bước)"
	@echo "  make rollback Quay lại bản phát hành trước trên máy chủ"
	@echo "  make import   Nhập lại văn bản từ $(SHARED) vào docs/ theo sources.yml"
	@echo "  make link     Cập nhật cẩm nang (kb guides), tạo liên kết dẫn chiếu, hiệu lực (kb link)"
	@echo "  make search   Tạo chỉ mục tìm kiếm vào docs/assets/search/ (kb search-index)"
	@echo "  make install  Tạo môi trường ảo $(VENV) và cài đặt dự án"
	@echo "  make clean    Xoá site/ và các bộ nhớ đệm"

# The stamp is rebuilt whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade pip
	$(PY) -m pip install -e '.[test]'
	touch $@

install: $(VENV)/.installed

import: $(VENV)/.installed
	@if [ ! -d "$(SHARED)" ]; then \
		echo "Không tìm thấy thư mục nguồn $(SHARED): bỏ qua bước nhập."; \
		echo "Các văn bản đã nhập (Markdown) có sẵn trong docs/, không cần nhập lại để xem thư viện."; \
	else \
		$(VENV)/bin/kb import --manifest sources.yml && $(VENV)/bin/kb guides && \
			$(VENV)/bin/kb link; \
	fi

# `kb link` turns every reference into a link and dates the status banners; it rewrites
# only pages whose links or status changed (nothing, on an unchanged library). `kb guides`
# runs first: it writes the guides' generated sections, which `kb link` then links, and
# fails on a bad quiz question or a guide citing a law no longer in force.
link: $(VENV)/.installed
	$(VENV)/bin/kb guides
	$(VENV)/bin/kb link

# The search index goes into docs/assets/search/ (ignored by git), for a plain
# `mkdocs serve` (kb serve and kb site build it themselves, beside MkDocs' build); it
# reads the statuses `kb link` wrote to catalog.json.
search: link
	$(VENV)/bin/kb search-index

# What changed and when, from git (kb history): "Mới cập nhật", the feeds, each document's
# changelog and the last-changed date of every page; all ignored by git.
history: $(VENV)/.installed
	$(VENV)/bin/kb history

# kb serve runs `mkdocs serve --dirty` and, on every save of a source listed in
# sources.yml or of a page, re-runs import, guides and link on what changed, then MkDocs'
# dirty build while another process updates the search index in the served site.
serve: link history
	$(VENV)/bin/kb serve -a "$${ADDR:-127.0.0.1:8000}"

# kb site: `mkdocs build --strict` in one process while the search index is built in another
# (copied into site/assets/search once MkDocs is done), then the redirect pages for the old
# addresses of renamed documents.
site: link history
	$(VENV)/bin/kb site

# The browser tests (tests/browser) drive Debian's Chromium through the playwright package:
# Playwright's own browser download is not reachable. Installed only when missing; without
# root the tests skip locally (and fail in CI, where CI=true).
CHROMIUM := /usr/bin/chromium

browser-deps:
	@if [ -x $(CHROMIUM) ]; then \
		:; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -q --no-install-recommends chromium; \
	else \
		echo "Không có $(CHROMIUM) và không chạy với quyền root: bỏ qua cài Chromium."; \
		echo "Các kiểm thử trình duyệt sẽ bị bỏ qua (cài bằng: sudo make browser-deps)."; \
	fi

# The portal tests (tests/publish, tests/browser/test_portal.py) run Debian's nginx on
# 127.0.0.1 with the configuration `kb nginx` renders, and deploy with rsync to a local
# folder as `make deploy` does to the server; both installed like Chromium when missing.
NGINX := /usr/sbin/nginx
RSYNC := /usr/bin/rsync

deploy-deps:
	@if [ -x $(NGINX) ] && [ -x $(RSYNC) ]; then \
		:; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -q --no-install-recommends nginx rsync; \
	else \
		echo "Không có $(NGINX) hoặc $(RSYNC) và không chạy với quyền root: bỏ qua cài đặt."; \
		echo "Các kiểm thử máy chủ web và triển khai sẽ bị bỏ qua (cài bằng: sudo make deploy-deps)."; \
	fi

# PYTEST_ARGS narrows a run, e.g. CI runs the accessibility checks as their own step.
test: $(VENV)/.installed browser-deps deploy-deps
	$(VENV)/bin/ruff check scripts tests bench
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Everything a merge request must pass, in the order CI runs it (.gitlab-ci.yml,
# .github/workflows/kiem-tra.yml): schema and references, strict build, links and anchors of
# the built site, accessibility (in the browser tests), the tests.
check: check-library check-site test

check-library: $(VENV)/.installed
	$(VENV)/bin/kb check
	$(VENV)/bin/kb guides --check

check-site: site
	$(VENV)/bin/kb check-site

check-a11y: $(VENV)/.installed browser-deps
	$(VENV)/bin/pytest tests/browser -k accessibility

new: $(VENV)/.installed
	$(VENV)/bin/kb new

# Publishing (deploy.yml): a checked release, uploaded beside the live one and switched in
# one step; `make rollback` switches back to the previous release.
release: check-library check-site
	$(VENV)/bin/kb release

deploy: release
	$(VENV)/bin/kb deploy

rollback: $(VENV)/.installed
	$(VENV)/bin/kb rollback

# Benchmarks (bench/run.py → BENCHMARKS.md): a synthetic library of N documents built by the
# project's pipeline and by stock Material, then searched in Chromium. Not part of `make test`:
# it takes tens of minutes. BENCHMARKS.md is written from every size measured so far.
# bench-10000: one build run (three browser runs, of the project's site only), and stock
# Material with sections + navigation.prune only: with the flat navigation, stock's build
# time grows with the square of the pages (hours here).
.PHONY: bench bench-10000
bench: install
	$(PY) bench/run.py --sizes $${SIZES:-1000}

bench-10000: install
	$(PY) bench/run.py --sizes 10000 --runs 1 --browser-runs 3 --baselines careful --stock-browser --profile

clean:
	rm -rf site dist docs/assets/search docs/lich-su docs/atom.xml docs/rss.xml overrides/generated \
		.pytest_cache .ruff_cache .cache/kb
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +
