"""Real-browser smoke test: headless Chromium signs in at phone size (390x844) and desktop
size (1280x800), walks unit tree -> grid -> household -> resident, reveals an ID number,
logs a visit, turns its 纠纷 finding into a dispute and resolves it, visits a crime victim,
follows a resident's request from the portal to the officer's return visit, books a service
from the portal and checks the officer in at the office, sets a weekly office plan and reads
its compliance, works a survey call list and answers a survey through a one-time link,
follows a dashboard number to its records and opens the XLSX export with openpyxl,
checks what a person would see, and saves screenshots.

Usage: JINGMIN_URL=http://127.0.0.1:8080 JINGMIN_LOGINS=logins.txt python3 browser_smoke.py OUTDIR
"""
import base64, io, os, sys, re, struct, urllib.request, zlib
import openpyxl

os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait
from selenium.webdriver.support import expected_conditions as EC

BASE = os.environ.get("JINGMIN_URL", "http://127.0.0.1:8080")
OUT = sys.argv[1] if len(sys.argv) > 1 else "screenshots"
os.makedirs(OUT, exist_ok=True)

def logins():
    accounts = {}
    for line in open(os.environ["JINGMIN_LOGINS"], encoding="utf-8"):
        m = re.match(r"\s*\S+\s+(admin|juzhang|suozhang|minjing|fujing|jumin|linju|tazu|waisuo)\s+(\S+)", line)
        if m:
            accounts[m.group(1)] = m.group(2)
    return accounts

def driver(width, height, mobile):
    opts = webdriver.ChromeOptions()
    for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=zh-CN"]:
        opts.add_argument(a)
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    # The window includes browser UI; emulate the exact viewport instead.
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
    d.set_page_load_timeout(30)
    return d

passed, failed = 0, 0
def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
        print("  ok   " + what)
    else:
        failed += 1
        print("  FAIL " + what)

def go(d, element):
    """Click a link or submit button and wait for the next page, so checks never read the old one."""
    before = d.current_url
    element.click()
    WebDriverWait(d, 15).until(lambda drv: drv.current_url != before and drv.execute_script("return document.readyState") == "complete")

def submit_here(d, button):
    """Submit a form whose answer is the same page again: wait for a new document (a mark set
    on the old window is gone), not for the old element to go stale, which Chromium reports
    inconsistently."""
    d.execute_script("window.__before = true")
    button.click()
    WebDriverWait(d, 15).until(lambda drv: drv.execute_script("return !window.__before && document.readyState === 'complete'"))

def sign_in(d, username, password):
    d.get(BASE + "/login")
    d.find_element(By.NAME, "username").send_keys(username)
    d.find_element(By.NAME, "password").send_keys(password)
    go(d, d.find_element(By.CSS_SELECTOR, "form.card button[type=submit]"))

def walk(d, size, username, password):
    sign_in(d, username, password)
    check("首页" in d.title, f"{size}: {username} lands on the Chinese home page after sign-in")
    d.save_screenshot(f"{OUT}/{size}-1-home.png")
    d.get(BASE + "/units")
    check(len(d.find_elements(By.CSS_SELECTOR, ".tree li")) >= 1, f"{size}: unit tree lists the jurisdiction")
    grid = [a for a in d.find_elements(By.CSS_SELECTOR, ".tree li a") if "网格" in a.text][0]
    go(d, grid)
    rows = d.find_elements(By.CSS_SELECTOR, "table tbody tr")
    check(len(rows) > 10, f"{size}: grid page lists its households ({len(rows)})")
    d.save_screenshot(f"{OUT}/{size}-2-grid.png")
    go(d, rows[0].find_element(By.TAG_NAME, "a"))
    go(d, d.find_element(By.CSS_SELECTOR, "table tbody tr a"))
    masked = d.find_element(By.ID, "id-number").text
    check(re.fullmatch(r"\d{4}\*{10}\d{3}[\dX]", masked) is not None, f"{size}: resident page shows the ID number masked ({masked})")
    d.save_screenshot(f"{OUT}/{size}-3-resident.png")
    go(d, d.find_element(By.CSS_SELECTOR, "form.inline button.secondary"))
    full = d.find_element(By.ID, "id-number").text
    check(re.fullmatch(r"\d{17}[\dX]", full) is not None and full[-4:] == masked[-4:], f"{size}: reveal shows the full number, audited")
    check("审计" in d.page_source, f"{size}: the page says the view was recorded")
    d.save_screenshot(f"{OUT}/{size}-4-revealed.png")
    width = d.execute_script("return document.documentElement.scrollWidth")
    check(width <= d.execute_script("return window.innerWidth") + 1, f"{size}: no sideways scrolling (page width {width})")

def log_visit(d, size):
    """The officer's daily work: open my tasks, go to a household, log a visit with three findings."""
    d.get(BASE + "/tasks")
    check("我的任务" in d.title, f"{size}: my-tasks page opens")
    d.save_screenshot(f"{OUT}/{size}-5-tasks.png")
    links = d.find_elements(By.CSS_SELECTOR, ".tasks li a")
    check(len(links) > 0, f"{size}: the grid officer has must-visit tasks ({len(links)})")
    go(d, links[0])
    go(d, d.find_element(By.LINK_TEXT, "登记走访"))
    d.find_element(By.CSS_SELECTOR, "input[name='categories[]'][value='must_visit']").click()
    boxes = d.find_elements(By.CSS_SELECTOR, "input[name='residentIDs[]']")
    for b in boxes:
        b.click()
    texts = d.find_elements(By.CSS_SELECTOR, "textarea[name='findingText[]']")
    kinds = d.find_elements(By.CSS_SELECTOR, "select[name='findingKind[]']")
    texts[0].send_keys("老人腿脚不便，需上门办理身份证")
    kinds[1].find_element(By.CSS_SELECTOR, "option[value='hazard']").click()
    texts[1].send_keys("楼道内电动车充电，存在火灾隐患")
    kinds[2].find_element(By.CSS_SELECTOR, "option[value='dispute']").click()
    texts[2].send_keys("与对门邻居因楼道堆放杂物争吵，对方扬言动手")
    d.save_screenshot(f"{OUT}/{size}-6-visit-form.png")
    go(d, d.find_element(By.CSS_SELECTOR, "form.card button[type=submit]"))
    check(re.search(r"/visits/\d+$", d.current_url) is not None, f"{size}: saving leads to the visit's own page ({d.current_url})")
    rows = d.find_elements(By.CSS_SELECTOR, "table tbody tr")
    check(len(rows) == 3, f"{size}: the visit is saved with its three findings")
    check("完成了" in d.page_source, f"{size}: the visit completed the must-visit task")
    d.save_screenshot(f"{OUT}/{size}-7-visit.png")

def agreement_scan():
    """A photographed agreement: a 240×160 PNG (paper with lines of text), written once."""
    path = os.path.abspath(os.path.join(OUT, "agreement-scan.png"))
    if not os.path.exists(path):
        w, h = 240, 160
        rows = b"".join(b"\x00" + bytes(60 if (y % 20 in (8, 9) and 20 <= x < 220) else 235 for x in range(w)) for y in range(h))
        chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
        open(path, "wb").write(png)
    return path

def dispute_walk(d, size):
    """From the visit just logged: its 纠纷 finding becomes a dispute in one step, marked 高, and a
    mediation session resolves it with a written agreement."""
    go(d, d.find_element(By.LINK_TEXT, "转为纠纷登记"))
    check("登记矛盾纠纷" in d.title and "楼道堆放杂物" in d.page_source, f"{size}: the finding opens the dispute form, its text filled in")
    d.find_element(By.CSS_SELECTOR, "select[name=typeCode] option[value=neighbour]").click()
    d.find_element(By.CSS_SELECTOR, "input[name=risk][value=high]").click()
    sides = d.find_elements(By.CSS_SELECTOR, "select[name^='residentSide']")
    if sides:
        sides[0].find_element(By.CSS_SELECTOR, "option[value=applicant]").click()
    d.find_elements(By.NAME, "outsideName[]")[0].send_keys("对门邻居张某")
    d.find_elements(By.NAME, "outsidePhone[]")[0].send_keys("13566667777")
    d.find_elements(By.CSS_SELECTOR, "select[name='outsideSide[]']")[0].find_element(By.CSS_SELECTOR, "option[value=respondent]").click()
    d.save_screenshot(f"{OUT}/{size}-18-dispute-form.png")
    go(d, d.find_element(By.CSS_SELECTOR, "form.card button[type=submit]"))
    check(re.search(r"/disputes/\d+$", d.current_url) is not None and "高风险" in d.page_source and "135****7777" in d.page_source,
          f"{size}: the dispute is registered, 高风险, the outside party's phone masked ({d.current_url})")
    d.find_element(By.NAME, "place").send_keys("村委会调解室")
    d.find_elements(By.NAME, "mediatorName[]")[0].send_keys("周德明")
    d.find_element(By.CSS_SELECTOR, "input[name=outcome][value=resolved]").click()
    d.find_element(By.CSS_SELECTOR, "select[name=agreementForm] option[value=written]").click()
    d.find_element(By.NAME, "agreementText").send_keys("双方同意三日内清理楼道杂物，互不追究")
    d.find_element(By.NAME, "agreementScan").send_keys(agreement_scan())
    d.save_screenshot(f"{OUT}/{size}-19-dispute-session.png")
    submit_here(d, d.find_element(By.CSS_SELECTOR, "form.step-session button[type=submit]"))
    check("已化解" in d.page_source and "周德明" in d.page_source and "回访期限" in d.page_source,
          f"{size}: the session resolves it with a written agreement; the follow-up date is set")
    scans = d.find_elements(By.CSS_SELECTOR, "img.scan")
    check(len(scans) == 1 and d.execute_script("return arguments[0].naturalWidth", scans[0]) == 240,
          f"{size}: the scanned agreement is kept and shown on the dispute's page")
    d.save_screenshot(f"{OUT}/{size}-20-dispute-resolved.png")
    width = d.execute_script("return document.documentElement.scrollWidth")
    check(width <= d.execute_script("return window.innerWidth") + 1, f"{size}: the dispute page fits (width {width})")

def patrol_walk(d, size):
    """The grid officer starts a patrol in two taps, records a person helped and money recovered
    on the way, and ends it; the list then shows it with its person-patrols."""
    d.get(BASE + "/patrols")
    go(d, d.find_element(By.CSS_SELECTOR, "form.step-start button[type=submit]"))
    check(re.search(r"/patrols/\d+$", d.current_url) is not None and d.find_elements(By.CSS_SELECTOR, ".status.p-open"), f"{size}: the patrol starts in two taps ({d.current_url})")
    d.find_element(By.CSS_SELECTOR, "select[name=findingKind] option[value=hazard]").click()
    d.find_element(By.NAME, "description").send_keys("桥头护栏松动，夜间无照明")
    submit_here(d, d.find_element(By.CSS_SELECTOR, "form.step-finding button[type=submit]"))
    check("安全隐患" in d.page_source and "桥头护栏松动" in d.page_source, f"{size}: the hazard found on the way is on the patrol")
    d.find_element(By.CSS_SELECTOR, "select[name=kind] option[value=person_found]").click()
    d.find_element(By.NAME, "detail").send_keys("菜市场口找回走失老人，送回家中")
    submit_here(d, d.find_element(By.CSS_SELECTOR, "form.step-help button[type=submit]"))
    d.find_element(By.CSS_SELECTOR, "select[name=kind] option[value=money]").click()
    d.find_element(By.NAME, "amount").send_keys("3050")
    d.find_element(By.NAME, "detail").send_keys("追回被骗现金")
    d.save_screenshot(f"{OUT}/{size}-25-patrol-help.png")
    submit_here(d, d.find_element(By.CSS_SELECTOR, "form.step-help button[type=submit]"))
    check("找回走失人员" in d.page_source and "3,050.00元" in d.page_source, f"{size}: the person found and the money recovered are on the patrol")
    d.find_element(By.NAME, "note").send_keys("巡查菜市场、学校周边")
    submit_here(d, d.find_element(By.CSS_SELECTOR, "form.step-end button[type=submit]"))
    check(not d.find_elements(By.CSS_SELECTOR, ".status.p-open") and "巡查菜市场" in d.page_source, f"{size}: the patrol is ended")
    d.save_screenshot(f"{OUT}/{size}-26-patrol-ended.png")
    width = d.execute_script("return document.documentElement.scrollWidth")
    check(width <= d.execute_script("return window.innerWidth") + 1, f"{size}: the patrol page fits (width {width})")

def roster_walk(d, size):
    """The station leader fills next month's duty roster shift by shift, sees the 元旦 gap flagged
    ahead, and prints the month on A4 portrait."""
    d.get(BASE + "/duty")
    go(d, d.find_element(By.PARTIAL_LINK_TEXT, " →"))
    month = re.search(r"month=(\d{4}-\d{2})", d.current_url).group(1)
    def assign(person, post, kind, weekdays):
        Select(d.find_element(By.NAME, "userID")).select_by_visible_text(next(o.text for o in d.find_elements(By.CSS_SELECTOR, "select[name=userID] option") if o.text.startswith(person)))
        Select(d.find_element(By.NAME, "post")).select_by_value(post)
        Select(d.find_element(By.NAME, "kind")).select_by_value(kind)
        for box in d.find_elements(By.CSS_SELECTOR, "input[name='weekdays[]']"):
            if (box.get_attribute("value") in weekdays) != box.is_selected(): box.click()
        submit_here(d, d.find_element(By.CSS_SELECTOR, "form.step-roster button[type=submit]"))
    for person, post, kind, weekdays in [("王警官", "station", "day", "12345"), ("李警官", "station", "night", ""), ("王志强", "station", "holiday", ""),
                                         ("赵勇", "hall", "day", "12345"), ("张警官", "hall", "holiday", "")]:
        assign(person, post, kind, weekdays)
    errors = d.find_elements(By.CSS_SELECTOR, ".errors")
    gaps = d.find_elements(By.CSS_SELECTOR, "table.roster td.gap")
    check(not errors and not gaps and len(d.find_elements(By.CSS_SELECTOR, "table.roster tbody tr")) >= 28, f"{size}: {month} is filled with no gap left ({len(gaps)} gaps)")
    ahead = d.find_element(By.CSS_SELECTOR, "section.ahead").text
    check("节假日缺岗" in ahead and "元旦" in ahead, f"{size}: the 元旦 gap is flagged ahead ({ahead.splitlines()[2] if len(ahead.splitlines()) > 2 else ahead})")
    d.save_screenshot(f"{OUT}/{size}-27-roster.png")
    d.execute_script("arguments[0].scrollIntoView()", d.find_element(By.CSS_SELECTOR, "table.roster"))
    d.save_screenshot(f"{OUT}/{size}-28-roster-month.png")
    go(d, d.find_element(By.LINK_TEXT, "打印（A4）"))
    check("所长签字" in d.page_source and len(d.find_elements(By.CSS_SELECTOR, ".roster-print table.roster tbody tr")) >= 28, f"{size}: the print page holds the month")
    d.save_screenshot(f"{OUT}/{size}-29-roster-print.png")
    pdf = base64.b64decode(d.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    size_pt = (float(boxes[0][0]), float(boxes[0][1])) if boxes else None
    check(size_pt is not None and abs(size_pt[0] - 595) < 2 and abs(size_pt[1] - 842) < 2 and pages <= 2, f"{size}: the roster prints on A4 portrait (page {size_pt} pt, {pages} pages)")
    with open(f"{OUT}/{size}-29-roster.pdf", "wb") as f: f.write(pdf)

def my_duty(d, size):
    """The officer reads the station's roster on the phone: the month scrolls inside its table, not the page."""
    d.get(BASE + "/duty")
    check(len(d.find_elements(By.CSS_SELECTOR, "table.roster tbody tr")) >= 28 and "李明" in d.page_source and not d.find_elements(By.CSS_SELECTOR, "form.step-roster"),
          f"{size}: the officer reads this month's roster, without the leader's form")
    mine = d.find_element(By.CSS_SELECTOR, "section.ahead").text
    check("我在" in mine and "所值班" in mine, f"{size}: the officer's own coming shifts are listed first ({mine.splitlines()[1] if len(mine.splitlines()) > 1 else mine})")
    width = d.execute_script("return document.documentElement.scrollWidth")
    check(width <= d.execute_script("return window.innerWidth") + 1, f"{size}: the roster page fits (width {width})")
    d.save_screenshot(f"{OUT}/{size}-27-duty.png")

def alarm_groups_walk(d, size):
    """The grid officer forms a 联防组 of neighbours in one tap from the page's suggestion, and
    opens it to see who an alarm will reach."""
    d.get(BASE + "/alarm-groups")
    go(d, d.find_element(By.CSS_SELECTOR, "table tbody tr a"))
    before = len(d.find_elements(By.CSS_SELECTOR, ".alarm-groups li"))
    suggestion = d.find_element(By.CSS_SELECTOR, "form.suggestion")
    name = suggestion.find_element(By.TAG_NAME, "strong").text
    d.save_screenshot(f"{OUT}/{size}-30-alarm-groups.png")
    submit_here(d, suggestion.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    after = d.find_elements(By.CSS_SELECTOR, ".alarm-groups li")
    check(len(after) == before + 1 and name in d.find_element(By.CSS_SELECTOR, ".alarm-groups").text, f"{size}: {name} is formed in one tap ({before} → {len(after)} groups)")
    go(d, after[-1].find_element(By.TAG_NAME, "a"))
    check(len(d.find_elements(By.CSS_SELECTOR, "table tbody tr")) >= 2 and ("短信" in d.page_source or "账号" in d.page_source), f"{size}: the group shows who an alarm reaches")
    d.save_screenshot(f"{OUT}/{size}-31-alarm-group.png")
    width = d.execute_script("return document.documentElement.scrollWidth")
    check(width <= d.execute_script("return window.innerWidth") + 1, f"{size}: the group page fits (width {width})")

def alarm_walk(accounts):
    """和谐警铃 in real windows at once: resident A presses on the phone; resident B of the same
    group, the station's duty desk (desktop) and the grid officer's phone each see it without a
    reload; B answers 收到, the desk acknowledges and sends the officer, who marks 到场 and
    closes it; the timeline shows every step. A resident of another group and another
    station's desk see nothing."""
    import time
    windows = {}
    try:
        for name, user, (w, h, mobile), page in [("a", "jumin", (390, 844, True), "/"), ("b", "linju", (390, 844, True), "/"),
                                                 ("desk", "suozhang", (1280, 800, False), "/alarms"), ("officer", "minjing", (390, 844, True), "/tasks"),
                                                 ("other", "tazu", (390, 844, True), "/"), ("foreign", "waisuo", (1280, 800, False), "/alarms")]:
            d = driver(w, h, mobile)
            windows[name] = d
            sign_in(d, user, accounts[user])
            d.get(BASE + page)
        a, b, desk, officer = windows["a"], windows["b"], windows["desk"], windows["officer"]
        check("alarm-card" not in desk.page_source, "alarm: the desk starts with no open alarm")
        go(a, a.find_element(By.CSS_SELECTOR, "a.alarm-button"))
        a.save_screenshot(f"{OUT}/phone-alarm-1-kinds.png")
        a.find_element(By.CSS_SELECTOR, "label.alarm-kind input[value='burglary'] + span").click()
        a.find_element(By.NAME, "note").send_keys("有人撬后门")
        submit_here(a, a.find_element(By.CSS_SELECTOR, "button.alarm-next"))
        check("确认报警" in a.title, "alarm: one confirming tap is asked for before anything is sent")
        a.save_screenshot(f"{OUT}/phone-alarm-2-confirm.png")
        check("alarm-card" not in desk.page_source, "alarm: nothing reaches the desk before the confirmation")
        pressed = time.time()
        go(a, a.find_element(By.CSS_SELECTOR, "button.alarm-button"))
        arrival = {}
        deadline = pressed + 2.0
        while time.time() < deadline and len(arrival) < 3:
            for name in ("b", "desk", "officer"):
                if name not in arrival and windows[name].execute_script("return document.querySelectorAll('#alarm-live .alarm-card').length") > 0:
                    arrival[name] = time.time() - pressed
            time.sleep(0.05)
        for name, who in [("b", "resident B of the group"), ("desk", "the duty desk"), ("officer", "the officer's phone page")]:
            check(name in arrival, f"alarm: {who} sees it without reloading within 2 s ({arrival.get(name, float('nan')):.2f} s)")
        card = desk.find_element(By.CSS_SELECTOR, "#alarm-live .alarm-card")
        check("入室盗窃" in card.text and "待受理" in card.text, f"alarm: the desk card names the kind and the state ({card.text.splitlines()[0]})")
        try:
            WebDriverWait(desk, 3).until(lambda drv: re.fullmatch(r"0:0[1-9]", drv.find_element(By.CSS_SELECTOR, "#alarm-live .alarm-timer").text))
        except Exception:
            pass
        timer = desk.find_element(By.CSS_SELECTOR, "#alarm-live .alarm-timer").text
        check(re.fullmatch(r"0:0[1-9]", timer) is not None, f"alarm: the desk's timer runs from the press ({timer})")
        desk.save_screenshot(f"{OUT}/desktop-alarm-1-desk.png")
        b.save_screenshot(f"{OUT}/phone-alarm-3-neighbour.png")
        officer.save_screenshot(f"{OUT}/phone-alarm-4-officer.png")
        time.sleep(1.0)
        for name, who in [("other", "a resident of another group"), ("foreign", "another station's desk")]:
            check(windows[name].execute_script("return document.querySelectorAll('.alarm-card').length") == 0, f"alarm: {who} sees nothing")
        windows["foreign"].save_screenshot(f"{OUT}/desktop-alarm-2-foreign-desk.png")

        go(b, b.find_element(By.CSS_SELECTOR, "#alarm-live .alarm-card a"))
        submit_here(b, [x for x in b.find_elements(By.CSS_SELECTOR, ".alarm-actions button") if x.text == "收到"][0])
        go(desk, desk.find_element(By.CSS_SELECTOR, "#alarm-live .alarm-card a"))
        Select(desk.find_element(By.NAME, "officerID")).select_by_visible_text("李明 · 社区民警")
        submit_here(desk, desk.find_element(By.CSS_SELECTOR, "button.alarm-ack"))
        check("已派警：李明" in desk.find_element(By.CSS_SELECTOR, ".alarm-status").text, "alarm: the desk acknowledges and sends the grid officer")
        WebDriverWait(officer, 5).until(lambda drv: "已派警" in drv.find_element(By.ID, "alarm-live").text)
        check(True, "alarm: the officer's live card follows to 已派警")
        go(officer, officer.find_element(By.CSS_SELECTOR, "#alarm-live .alarm-card a"))
        submit_here(officer, [x for x in officer.find_elements(By.CSS_SELECTOR, ".alarm-actions button") if x.text == "已到场"][0])
        officer.find_element(By.CSS_SELECTOR, "input[name='outcome'][value='real']").click()
        officer.find_element(By.NAME, "notes").send_keys("嫌疑人已逃离，现场勘查后转刑侦")
        submit_here(officer, [x for x in officer.find_elements(By.CSS_SELECTOR, ".alarm-actions button") if x.text == "结案"][0])
        steps = [li.text for li in officer.find_elements(By.CSS_SELECTOR, ".timeline li")]
        wanted = ["报警", "邻居：收到", "值班台受理", "派警", "到场", "结案"]
        labels = [s.split(" ", 1)[1].split(" · ")[0] for s in steps]
        check(labels == wanted and all(re.match(r"\d\d:\d\d:\d\d ", s) for s in steps), f"alarm: the timeline shows every step with its time ({labels})")
        check("真实警情" in officer.find_element(By.CSS_SELECTOR, ".alarm-status").text, "alarm: closed as 真实警情")
        go(officer, officer.find_element(By.LINK_TEXT, "转为纠纷登记"))
        check("【和谐警铃】入室盗窃" in officer.find_element(By.NAME, "summary").get_attribute("value"),
              "alarm: a 真实警情 opens the dispute form with its facts, linked")
        officer.back()
        officer.save_screenshot(f"{OUT}/phone-alarm-5-timeline.png")
        WebDriverWait(b, 5).until(lambda drv: len(drv.find_elements(By.CSS_SELECTOR, "#alarm-live .alarm-card")) == 0)
        check(True, "alarm: once closed it leaves the neighbour's live list")
        desk.get(BASE + "/alarms")
        check("alarm-card" not in desk.find_element(By.ID, "alarm-live").get_attribute("innerHTML") and "入室盗窃" in desk.page_source,
              "alarm: the desk lists it among the closed ones")
        desk.save_screenshot(f"{OUT}/desktop-alarm-3-closed.png")
    finally:
        for d in windows.values():
            d.quit()

def victim_walk(d, size):
    """The grid officer opens the victims still to visit, records one return visit with a need,
    and the coverage on the list goes up."""
    d.get(BASE + "/victims?show=all")
    before = d.find_element(By.CSS_SELECTOR, "#victim-coverage .n").text
    due = [a for a in d.find_elements(By.CSS_SELECTOR, ".victims li") if "待回访" in a.text]
    check(len(due) > 0 and "*" in due[0].find_element(By.TAG_NAME, "a").text, f"{size}: the victims to visit are listed, names masked ({len(due)})")
    go(d, due[0].find_element(By.TAG_NAME, "a"))
    d.find_element(By.CSS_SELECTOR, "input[name=satisfaction][value=basically_satisfied]").click()
    d.find_element(By.NAME, "advice").send_keys("提醒夜间锁好车棚，贵重物品不放车内")
    d.find_elements(By.NAME, "need[]")[0].send_keys("希望调取小区门口监控")
    d.save_screenshot(f"{OUT}/{size}-23-victim-visit.png")
    submit_here(d, d.find_element(By.CSS_SELECTOR, "form.step-visit button[type=submit]"))
    check("已回访" in d.page_source and "基本满意" in d.page_source, f"{size}: the return visit is recorded")
    d.get(BASE + "/victims?show=all")
    after = d.find_element(By.CSS_SELECTOR, "#victim-coverage .n").text
    check(float(after.rstrip("%")) > float(before.rstrip("%")), f"{size}: coverage goes up ({before} → {after})")
    d.save_screenshot(f"{OUT}/{size}-24-victims.png")

def dispute_tiles(d, size, accounts):
    """The station leader reads the dispute tiles and follows 排查 to the records behind it."""
    d.delete_all_cookies()
    sign_in(d, "suozhang", accounts["suozhang"])
    d.get(BASE + "/dashboard")
    screened = d.find_element(By.CSS_SELECTOR, "#fig-disputesScreened a.n")
    count = int(screened.text)
    rate = d.find_element(By.CSS_SELECTOR, "#fig-disputeResolutionRate .n").text
    d.execute_script("arguments[0].scrollIntoView()", screened)
    d.save_screenshot(f"{OUT}/{size}-21-dispute-tiles.png")
    go(d, screened)
    items = d.find_elements(By.CSS_SELECTOR, ".disputes li")
    check(count > 0 and len(items) == count, f"{size}: 排查 {count} (化解率 {rate}) leads to exactly those disputes ({len(items)})")
    d.save_screenshot(f"{OUT}/{size}-22-disputes.png")

def overview(d, size):
    """The leader's view: the station's tasks, coverage map and care list."""
    d.get(BASE + "/tasks")
    check("我的任务" in d.title, f"{size}: tasks page opens")
    d.save_screenshot(f"{OUT}/{size}-5-tasks.png")
    d.get(BASE + "/coverage")
    check(len(d.find_elements(By.CSS_SELECTOR, "svg.map path")) >= 1, f"{size}: coverage page draws the grid map from the outlines")
    d.save_screenshot(f"{OUT}/{size}-8-coverage.png")
    d.get(BASE + "/care")
    check("关爱对象" in d.title and len(d.find_elements(By.CSS_SELECTOR, "table tbody tr")) > 0, f"{size}: care list shows people due a visit")
    d.save_screenshot(f"{OUT}/{size}-9-care.png")

def campaign(d, size):
    """A station leader starts a festival drive over the station and reads its progress."""
    d.get(BASE + "/campaigns/new")
    check("发起专项活动" in d.title, f"{size}: the campaign form opens")
    d.find_element(By.NAME, "name").send_keys("春节走访慰问")
    d.find_element(By.CSS_SELECTOR, "input[name='unitIDs[]']").click()
    d.find_element(By.CSS_SELECTOR, "input[name=target][value=care_subjects]").click()
    d.save_screenshot(f"{OUT}/{size}-10-campaign-form.png")
    go(d, d.find_element(By.CSS_SELECTOR, "form.card button[type=submit]"))
    tiles = [e.text for e in d.find_elements(By.CSS_SELECTOR, ".tile .n")]
    check(re.search(r"/campaigns/\d+$", d.current_url) is not None and tiles and int(tiles[0]) > 0,
          f"{size}: the drive gives the care list its tasks ({tiles[0] if tiles else '-'}) and shows progress by unit")
    d.save_screenshot(f"{OUT}/{size}-11-campaign.png")

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")

def request_walk(d, size, accounts):
    """A resident files a request with a photo from the portal; the station leader assigns it;
    the officer works it, resolves it and records the return visit by phone."""
    d.delete_all_cookies()
    sign_in(d, "jumin", accounts["jumin"])
    d.get(BASE + "/requests/new")
    check("我要反映" in d.title, f"{size}: the resident's request form opens")
    d.find_element(By.CSS_SELECTOR, "select[name=categoryCode] option[value=traffic]").click()
    d.find_element(By.NAME, "description").send_keys("单元门口的路灯不亮，晚上回家很不安全")
    d.find_element(By.NAME, "address").send_keys("幸福路3号院")
    photo = os.path.abspath(f"{OUT}/lamp.png")
    open(photo, "wb").write(PNG)
    d.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(photo)
    d.save_screenshot(f"{OUT}/{size}-12-request-form.png")
    go(d, d.find_element(By.CSS_SELECTOR, "form.card button[type=submit]"))
    m = re.search(r"/requests/(\d+)$", d.current_url)
    check(m is not None and "待交办" in d.page_source, f"{size}: the request is filed and waits to be assigned ({d.current_url})")
    check(len(d.find_elements(By.CSS_SELECTOR, ".photos img")) == 1, f"{size}: its photo is shown")
    d.save_screenshot(f"{OUT}/{size}-13-request-filed.png")
    path = f"/requests/{m.group(1)}" if m else "/requests"

    d.delete_all_cookies()
    sign_in(d, "suozhang", accounts["suozhang"])
    d.get(BASE + path)
    for option in d.find_elements(By.CSS_SELECTOR, "form.step-assign select[name=assigneeID] option"):
        if option.text.startswith("李明"):
            option.click()
    submit_here(d, d.find_element(By.CSS_SELECTOR, "form.step-assign button[type=submit]"))
    check("已交办" in d.page_source and "李明" in d.page_source, f"{size}: the station leader assigns it to the grid officer")

    d.delete_all_cookies()
    sign_in(d, "minjing", accounts["minjing"])
    badge = d.find_elements(By.ID, "inbox-badge")
    WebDriverWait(d, 10).until(lambda drv: badge and badge[0].text.strip() != "")
    check(badge and badge[0].text.strip().isdigit(), f"{size}: the officer's menu shows unread messages live ({badge[0].text if badge else '-'})")
    d.get(BASE + path)
    submit_here(d, d.find_element(By.CSS_SELECTOR, "form.step-start button[type=submit]"))
    d.find_element(By.NAME, "outcome").send_keys("已报修，供电所更换了灯具，当晚恢复照明")
    submit_here(d, d.find_element(By.CSS_SELECTOR, "form.step-resolve button[type=submit]"))
    check("待回访" in d.page_source, f"{size}: the officer resolves it with a written outcome")
    d.find_element(By.CSS_SELECTOR, "input[name=satisfaction][value=satisfied]").click()
    d.find_element(By.NAME, "comment").send_keys("灯亮了，谢谢")
    submit_here(d, d.find_element(By.CSS_SELECTOR, "form.step-return-visit button[type=submit]"))
    steps = [e.text for e in d.find_elements(By.CSS_SELECTOR, ".timeline li strong")]
    check("已办结" in d.page_source and steps == ["受理", "交办", "开始办理", "办结", "回访满意，办结归档"],
          f"{size}: the return visit closes it; the timeline shows every step ({' → '.join(steps)})")
    d.save_screenshot(f"{OUT}/{size}-14-request-closed.png")
    width = d.execute_script("return document.documentElement.scrollWidth")
    check(width <= d.execute_script("return window.innerWidth") + 1, f"{size}: the request page fits the phone (width {width})")

def traditional(d, size):
    """From the request page just closed: the header's 繁體 switch, that page and the home page in
    traditional characters, then back to 简体 for the rest of the walk."""
    request_url = d.current_url
    submit_here(d, d.find_element(By.LINK_TEXT, "繁體"))   # back to the same page
    check(d.current_url == request_url and d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-Hant"
          and "已辦結" in d.page_source and "回訪滿意，辦結歸檔" in d.page_source, f"{size}: 繁體 switch: the request page reads in traditional characters")
    d.save_screenshot(f"{OUT}/{size}-15-request-hant.png")
    d.get(BASE + "/")
    check("首頁" in d.title, f"{size}: the home page reads in traditional characters ({d.title})")
    d.save_screenshot(f"{OUT}/{size}-16-home-hant.png")
    submit_here(d, d.find_element(By.LINK_TEXT, "简体"))
    check("首页" in d.title, f"{size}: 简体 switches back")

def services_walk(d, size, accounts):
    """预约服务 on the phone: the resident reads this week's hours at the community office, books
    a service in the officer's planned hours and reads its checklist; then the officer checks
    in at the office."""
    d.delete_all_cookies()
    sign_in(d, "jumin", accounts["jumin"])
    check("本周社区警务室坐班" in d.page_source and "警务室电话" in d.page_source, f"{size}: the resident's home shows this week's office hours and phone")
    d.save_screenshot(f"{OUT}/{size}-32-office-hours-portal.png")
    d.get(BASE + "/appointments/new")
    d.find_element(By.CSS_SELECTOR, "input[name=kind][value=certificate]").click()
    d.find_element(By.CSS_SELECTOR, "input[name=place][value=office]").click()
    slots = [e for e in d.find_elements(By.CSS_SELECTOR, "input[name=slot]") if e.is_enabled()]
    check(len(slots) >= 3, f"{size}: the form offers the officer's coming slots ({len(slots)})")
    d.execute_script("arguments[0].scrollIntoView()", slots[0])
    slots[0].click()
    d.save_screenshot(f"{OUT}/{size}-33-appointment-form.png")
    go(d, d.find_element(By.CSS_SELECTOR, "form.step-appointment button[type=submit]"))
    items = [e.text for e in d.find_elements(By.CSS_SELECTOR, "section.print ol.checklist li")]
    check(re.search(r"/appointments/\d+$", d.current_url) is not None and "已预约" in d.page_source and "身份证" in items,
          f"{size}: the appointment is booked and its checklist is shown ({'、'.join(items)})")
    d.save_screenshot(f"{OUT}/{size}-34-appointment.png")
    width = d.execute_script("return document.documentElement.scrollWidth")
    check(width <= d.execute_script("return window.innerWidth") + 1, f"{size}: the appointment page fits the phone (width {width})")

    d.delete_all_cookies()
    sign_in(d, "minjing", accounts["minjing"])
    d.get(BASE + "/office-hours")
    check("未签到" in d.page_source, f"{size}: the officer's office card says not checked in")
    submit_here(d, d.find_element(By.CSS_SELECTOR, "form.step-checkin button[type=submit]"))
    check("签到，在岗中" in d.page_source, f"{size}: the officer checks in at the office in one tap")
    d.save_screenshot(f"{OUT}/{size}-35-check-in.png")
    width = d.execute_script("return document.documentElement.scrollWidth")
    check(width <= d.execute_script("return window.innerWidth") + 1, f"{size}: the office-hours page fits the phone (width {width})")

def office_hours_walk(d, size):
    """The station leader sets an officer's weekly plan — refused first for too few half-days —
    and reads last week's compliance with its gaps and the forgotten check-out."""
    d.get(BASE + "/office-hours")
    plan = d.find_elements(By.CSS_SELECTOR, "form.step-plan")[-1]
    def tick(blocks):
        for box in plan.find_elements(By.CSS_SELECTOR, "input[name='blocks[]']"):
            if (box.get_attribute("value") in blocks) != box.is_selected():
                d.execute_script("arguments[0].click()", box)
    tick(["1:morning", "1:evening", "2:morning", "2:evening"])
    submit_here(d, plan.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    errors = d.find_elements(By.CSS_SELECTOR, ".errors")
    check(errors and "半天数少于" in errors[0].text, f"{size}: a plan of two half-days is refused in Chinese ({errors[0].text.splitlines()[-1] if errors else '-'})")
    plan = d.find_elements(By.CSS_SELECTOR, "form.step-plan")[-1]
    tick([f"{day}:{b}" for day in "2345" for b in ("afternoon", "evening")])
    d.save_screenshot(f"{OUT}/{size}-36-plan.png")
    submit_here(d, plan.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    saved = d.find_elements(By.CSS_SELECTOR, "form.step-plan")[-1]
    ticked = [b.get_attribute("value") for b in saved.find_elements(By.CSS_SELECTOR, "input[name='blocks[]']") if b.is_selected()]
    check(not d.find_elements(By.CSS_SELECTOR, ".errors") and ticked == [f"{day}:{b}" for b in ("afternoon", "evening") for day in "2345"],
          f"{size}: four afternoons with their evenings are saved ({', '.join(ticked)})")
    go(d, d.find_element(By.CSS_SELECTOR, "section.compliance nav a"))
    rows = [r.text for r in d.find_elements(By.CSS_SELECTOR, "section.compliance tbody tr")]
    mine = next((r for r in rows if r.startswith("李明")), "")
    check("3 / 4" in mine and "上午" in mine, f"{size}: last week's compliance shows the officer's missed morning ({mine})")
    d.execute_script("arguments[0].scrollIntoView()", d.find_element(By.CSS_SELECTOR, "section.compliance"))
    d.save_screenshot(f"{OUT}/{size}-37-compliance.png")

def dashboard_walk(d, size, accounts):
    """The bureau leader opens the figures, follows a number to the records behind it, and
    exports the figures as a workbook that a spreadsheet reader opens."""
    d.delete_all_cookies()
    sign_in(d, "juzhang", accounts["juzhang"])
    d.get(BASE + "/dashboard")
    check("统计" in d.title and "统计口径" in d.page_source, f"{size}: the bureau dashboard opens with its definitions")
    d.save_screenshot(f"{OUT}/{size}-15-bureau-dashboard.png")
    received = d.find_element(By.CSS_SELECTOR, "#fig-requestsReceived a.n")
    count = int(received.text)
    go(d, received)
    items = d.find_elements(By.CSS_SELECTOR, ".requests li")
    check(count > 0 and len(items) == count, f"{size}: the number of requests received ({count}) leads to exactly those records ({len(items)})")
    d.get(BASE + "/dashboard")
    href = d.find_element(By.LINK_TEXT, "Excel (XLSX)").get_attribute("href")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in d.get_cookies())
    data = urllib.request.urlopen(urllib.request.Request(href, headers={"Cookie": cookie}), timeout=20).read()
    book = openpyxl.load_workbook(io.BytesIO(data))
    first = book.worksheets[0]
    names = [first.cell(row=r, column=4).value for r in range(2, first.max_row + 1)]
    values = {first.cell(row=r, column=4).value: first.cell(row=r, column=5).value for r in range(2, first.max_row + 1)}
    check(len(book.worksheets) == 2 and "受理诉求" in names and values.get("受理诉求") == count,
          f"{size}: the XLSX export opens in openpyxl with the same figures ({len(book.worksheets)} sheets, 受理诉求 = {values.get('受理诉求')})")

def station_dashboard(d, size, accounts):
    d.delete_all_cookies()
    sign_in(d, "suozhang", accounts["suozhang"])
    d.get(BASE + "/dashboard")
    check(len(d.find_elements(By.CSS_SELECTOR, ".tile")) == 78, f"{size}: the station dashboard shows its 78 figures")
    d.save_screenshot(f"{OUT}/{size}-16-station-dashboard.png")
    width = d.execute_script("return document.documentElement.scrollWidth")
    check(width <= d.execute_script("return window.innerWidth") + 1, f"{size}: the station dashboard fits (width {width})")
    bars = [len(c.find_elements(By.CSS_SELECTOR, "rect")) for c in d.find_elements(By.CSS_SELECTOR, "figure.trend svg")]
    check(bars == [12, 12], f"{size}: two weekly trend charts of 12 weeks each ({bars})")
    go(d, d.find_element(By.LINK_TEXT, "打印台账"))
    tables = d.find_elements(By.CSS_SELECTOR, ".ledger table")
    check("台账" in d.title and len(tables) >= 2 and "制表人" in d.page_source, f"{size}: the ledger lists the figures and the units compared ({len(tables)} tables)")
    d.save_screenshot(f"{OUT}/{size}-17-ledger.png")
    pdf = base64.b64decode(d.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    size_pt = (float(box.group(1)), float(box.group(2))) if box else None
    check(size_pt is not None and abs(size_pt[0] - 842) < 2 and abs(size_pt[1] - 595) < 2, f"{size}: the ledger prints on A4 landscape (page {size_pt} pt)")
    with open(f"{OUT}/{size}-17-ledger.pdf", "wb") as f: f.write(pdf)

WORK_QR = os.path.join(OUT, "survey-qr.png")

def survey_walk(accounts):
    """双提升调查: at 1280x800 the auxiliary works this month's call list — a no-answer, a
    callback this evening, then a call that completes the questionnaire; at 390x844 a resident
    answers through a one-time link with no sign-in; the bureau leader reads the round's rates
    by station."""
    desk = driver(1280, 800, False)
    try:
        sign_in(desk, "fujing", accounts["fujing"])
        desk.get(BASE + "/surveys")
        check("本月双提升调查" in desk.page_source and "上月双提升调查" in desk.page_source, "desktop: the surveys page lists this month's and last month's rounds")
        desk.save_screenshot(f"{OUT}/desktop-1280x800-40-surveys.png")
        row = next(r for r in desk.find_elements(By.CSS_SELECTOR, "tbody tr") if "本月双提升调查" in r.text)
        go(desk, row.find_element(By.LINK_TEXT, "电话调查名单"))
        calls = desk.current_url
        pending = int(re.search(r"待调查 (\d+) 户", desk.page_source).group(1))
        check(pending >= 3, f"desktop: the auxiliary's call list has households to call ({pending})")
        desk.save_screenshot(f"{OUT}/desktop-1280x800-41-call-list.png")

        def first_due():
            go(desk, desk.find_element(By.CSS_SELECTOR, "ul.calls li a"))
            return desk.find_element(By.TAG_NAME, "h1").text

        first = first_due()
        dial = desk.find_elements(By.CSS_SELECTOR, "ul.people form button")
        if dial:
            submit_here(desk, dial[0])
            check(len(desk.find_elements(By.CSS_SELECTOR, "a[href^='tel:']")) == 1, "desktop: 拨号 shows the number as a tel: link")
        desk.find_element(By.CSS_SELECTOR, "form.step-call input[value=no_answer]").click()
        desk.save_screenshot(f"{OUT}/desktop-1280x800-42-call-sheet.png")
        go(desk, desk.find_element(By.CSS_SELECTOR, "form.step-call button[type=submit]"))
        check(desk.current_url == calls and "已拨" in desk.page_source, f"desktop: a no-answer for {first} is recorded and the list comes back")

        second = first_due()
        desk.find_element(By.CSS_SELECTOR, "form.step-call input[value=callback]").click()
        desk.execute_script("document.querySelector('form.step-call input[name=callbackAt]').value = arguments[0]",
                            desk.execute_script("const d = new Date(Date.now() + 6 * 3600e3); return new Date(d - d.getTimezoneOffset() * 60e3).toISOString().slice(0, 16)"))
        go(desk, desk.find_element(By.CSS_SELECTOR, "form.step-call button[type=submit]"))
        later = desk.page_source.split("约定回拨</h2>")
        check(len(later) == 2 and second in later[1], f"desktop: {second} waits under 约定回拨 with its time")
        desk.save_screenshot(f"{OUT}/desktop-1280x800-43-callback.png")

        third = first_due()
        for name, value in [("security", "fairly_safe"), ("satisfaction", "satisfied"), ("sees_police", "sometimes"), ("knows_officer", "yes"), ("officer_visited", "yes"), ("officer_rating", "5")]:
            box = desk.find_element(By.CSS_SELECTOR, f"form.step-answers input[name='a.{name}'][value='{value}']")
            desk.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
            box.click()
        desk.find_element(By.CSS_SELECTOR, "form.step-answers textarea[name='a.suggestion']").send_keys("希望多组织防诈骗宣传")
        desk.save_screenshot(f"{OUT}/desktop-1280x800-44-answers.png")
        go(desk, desk.find_element(By.CSS_SELECTOR, "form.step-answers button[type=submit]"))
        after = int(re.search(r"待调查 (\d+) 户", desk.page_source).group(1))
        check(after == pending - 1 and not desk.find_elements(By.CSS_SELECTOR, ".errors"), f"desktop: the completed call for {third} leaves {after} of {pending} to ask")

        desk.get(calls.replace("/calls", "/links"))
        links = [e.text for e in desk.find_elements(By.CSS_SELECTOR, "ol.link-sheet code")]
        check(len(links) > 0 and all("/q/" in l for l in links), f"desktop: the printable sheet lists one-time links ({len(links)})")
        link = links[-1]
        # The printed QR code, read back from the page's pixels as a phone's camera would.
        qr = desk.find_elements(By.CSS_SELECTOR, "ol.link-sheet svg.qr")[-1]
        desk.execute_script("arguments[0].scrollIntoView()", qr)
        with open(f"{WORK_QR}", "wb") as f: f.write(qr.screenshot_as_png)
        import subprocess
        read = subprocess.run(["zbarimg", "--raw", "-q", WORK_QR], capture_output=True, text=True).stdout.strip()
        check(read == link, f"desktop: the slip's QR code reads back as its link ({read[:40]}…)")
        desk.save_screenshot(f"{OUT}/desktop-1280x800-44b-link-sheet.png")

        desk.delete_all_cookies()
        sign_in(desk, "juzhang", accounts["juzhang"])
        desk.get(calls.replace("/calls", ""))
        stations = [r.text for r in desk.find_elements(By.CSS_SELECTOR, "#survey-stations tbody tr")]
        check(len(stations) == 2 and all("%" in r for r in stations) and re.search(r"\d+\.\d%", desk.find_element(By.ID, "survey-security").text),
              f"desktop: the bureau leader reads the rates by station ({' | '.join(stations)})")
        check("说不清" in desk.page_source and "较上轮" in desk.page_source, "desktop: the rates carry their definitions and the change from last month")
        desk.save_screenshot(f"{OUT}/desktop-1280x800-45-survey-results.png")
        go(desk, desk.find_element(By.LINK_TEXT, "答卷明细"))
        sheets = desk.find_elements(By.CSS_SELECTOR, ".sheets tbody tr")
        check(len(sheets) > 0 and "共" in desk.page_source and "街" not in desk.find_element(By.CSS_SELECTOR, ".sheets").text,
              f"desktop: the answers behind the rates, {len(sheets)} on the page, no address shown")
        desk.save_screenshot(f"{OUT}/desktop-1280x800-45a-survey-answers.png")

        # The bureau leader adds a question to the questionnaire: the rounds used it, so it becomes the next version.
        desk.get(BASE + "/surveys")
        go(desk, desk.find_element(By.PARTIAL_LINK_TEXT, "双提升问卷 v1"))
        go(desk, desk.find_element(By.LINK_TEXT, "编辑问卷"))
        check("保存后成为新版本" in desk.page_source, "desktop: the editor says the used version stays as it was")
        blank = desk.find_element(By.CSS_SELECTOR, "fieldset.question input[name$='.key'][value='']").get_attribute("name").split(".")[0]
        prompt = desk.find_element(By.NAME, f"{blank}.prompt")
        desk.execute_script("arguments[0].scrollIntoView({block: 'center'})", prompt)
        prompt.send_keys("您所在小区的门禁和监控好用吗？")
        Select(desk.find_element(By.NAME, f"{blank}.kind")).select_by_value("single")
        desk.find_element(By.NAME, f"{blank}.choices").send_keys("好用\n一般\n不好用")
        desk.save_screenshot(f"{OUT}/desktop-1280x800-45b-questionnaire-editor.png")
        go(desk, desk.find_element(By.CSS_SELECTOR, "form.questionnaire-editor button[type=submit]"))
        check("v2" in desk.page_source and "您所在小区的门禁和监控好用吗？" in desk.page_source and "不好用" in desk.page_source,
              "desktop: the edit is saved as version 2 with the new question")
    finally:
        desk.quit()

    phone = driver(390, 844, True)
    try:
        phone.get(link)
        check("您觉得您所在地区的社会治安状况怎么样" in phone.page_source and "登录" not in phone.find_element(By.TAG_NAME, "h1").text,
              "phone: the one-time link opens the questionnaire with no sign-in")
        for name, value in [("security", "safe"), ("satisfaction", "fairly_satisfied"), ("sees_police", "often"), ("knows_officer", "no")]:
            box = phone.find_element(By.CSS_SELECTOR, f"input[name='a.{name}'][value='{value}']")
            phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
            box.click()
        phone.save_screenshot(f"{OUT}/phone-390x844-46-survey-link.png")
        width = phone.execute_script("return document.documentElement.scrollWidth")
        check(width <= phone.execute_script("return window.innerWidth") + 1, f"phone: the questionnaire fits the phone (width {width})")
        submit_here(phone, phone.find_element(By.CSS_SELECTOR, "form.step-answers button[type=submit]"))
        check(phone.find_elements(By.ID, "survey-thanks"), "phone: the answers are taken and the resident is thanked")
        phone.save_screenshot(f"{OUT}/phone-390x844-47-survey-thanks.png")
        phone.get(link)
        check(phone.find_elements(By.ID, "survey-done"), "phone: the link, opened again, says it has been used")
    finally:
        phone.quit()

class Signal:
    """The phone's signal: a TCP relay between the browser and the server that the walk can
    cut. With no signal every connection is refused — for the page and its service worker
    alike, as a phone with no network finds no server. `deaf`: what the queue sends (POST
    /field/…) still reaches the server, but the answer is lost on the way back (the signal
    fading mid-request)."""
    def __init__(self, upstream):
        import socket, threading
        self.socket, self.upstream, self.on, self.deaf, self.live = socket, upstream, True, False, []
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        import threading
        while True:
            client, _ = self.listener.accept()
            try:
                if not self.on: raise OSError("no signal")
                server = self.socket.create_connection(("127.0.0.1", self.upstream))
            except OSError:
                client.close(); continue
            self.live += [client, server]
            lost = {"answer": False}
            for a, b, back in ((client, server, False), (server, client, True)):
                threading.Thread(target=self.pump, args=(a, b, back, lost), daemon=True).start()

    def pump(self, a, b, back, lost):
        try:
            while True:
                data = a.recv(65536)
                if not back and self.deaf and data.startswith(b"POST /field/"): lost["answer"] = True
                if not data or (back and lost["answer"]): break
                b.sendall(data)
        except OSError: pass
        for sock in (a, b):
            try: sock.shutdown(self.socket.SHUT_RDWR)
            except OSError: pass

    def cut(self):
        self.on = False
        for sock in self.live:
            try: sock.shutdown(self.socket.SHUT_RDWR); sock.close()
            except OSError: pass
        self.live = []

    def restore(self): self.on = True

# What the phone keeps, read back: the offline copy in IndexedDB and every text the service
# worker cached, with anything that looks like an ID number or a mobile number.
OFFLINE_CONTENTS = """
const done = arguments[arguments.length - 1];
(async () => {
  // Opened only if it is there: opening would create it.
  let copy, queued = [];
  if ((await indexedDB.databases()).some(d => d.name === 'jingmin-field')) {
    const db = await new Promise((ok, fail) => { const r = indexedDB.open('jingmin-field'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    if (db.objectStoreNames.contains('copy')) copy = await new Promise(ok => { const r = db.transaction('copy').objectStore('copy').get('copy'); r.onsuccess = () => ok(r.result); });
    if (db.objectStoreNames.contains('queue')) queued = await new Promise(ok => { const r = db.transaction('queue').objectStore('queue').getAll(); r.onsuccess = () => ok(r.result); });
    db.close();
  }
  let texts = JSON.stringify(copy || null) + JSON.stringify(queued), cached = 0;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      if (/text|json|javascript|css/.test(response.headers.get('content-type') || '')) { texts += await response.text(); cached++; }
    }
  }
  const ids = texts.match(/(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])/g) || [], phones = texts.match(/(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g) || [];
  done({households: copy ? copy.copy.households.length : 0, queued: queued.length, cached, ids: ids.length, phones: phones.length, masked: /[0-9]\\*{4}[0-9]/.test(JSON.stringify(copy))});
})().catch(e => done({error: String(e)}));
"""

def offline_walk(accounts):
    """离线工作 at 390x844, the signal cut between the phone and the server (a TCP relay):
    the field page loads the grid's households with a signal and opens without one; three
    visits recorded with no signal wait on the phone (badge 3), also after the browser is
    closed and opened again on the same profile; back online, and signed in again as the same
    officer, they are stored once each; an item sent again is stored once; a refused item
    keeps its reason across a reload; a new version of the app keeps the queue; signing out
    with an item waiting warns, and signing out clears the phone. Nothing kept holds an ID
    number or a phone."""
    import shutil, tempfile, time
    signal = Signal(int(BASE.rsplit(":", 1)[1]))
    base = f"http://127.0.0.1:{signal.port}"
    profile = tempfile.mkdtemp(prefix="jingmin-phone-")

    def phone_on_profile():
        opts = webdriver.ChromeOptions()
        for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=zh-CN", f"--user-data-dir={profile}"]:
            opts.add_argument(a)
        d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
        d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
        d.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "Asia/Shanghai"})   # a phone in China
        d.set_page_load_timeout(30)
        d.set_script_timeout(30)
        return d

    def sign_in_here(d, user="minjing"):
        d.get(base + "/login")
        if not d.find_elements(By.NAME, "username"): return   # still signed in
        d.find_element(By.NAME, "username").send_keys(user)
        d.find_element(By.NAME, "password").send_keys(accounts[user])
        go(d, d.find_element(By.CSS_SELECTOR, "form.card button[type=submit]"))

    def badge(d):
        return d.execute_script("const b = document.getElementById('queue-badge'); return b ? b.dataset.count : null")

    def states(d):
        # Read in one go: the list is redrawn as items change state.
        return d.execute_script("return [...document.querySelectorAll('#queue-items li')].map(li => li.className.split(' ').pop())")

    def record(d, nth, note, shot=None):
        before = int(badge(d) or 0)
        go_button = d.find_elements(By.CSS_SELECTOR, "#field-households li button.record-visit")[nth]
        d.execute_script("arguments[0].scrollIntoView({block: 'center'})", go_button)
        go_button.click()
        form = d.find_element(By.ID, "record-form")
        for selector in ["input[name=method][value=in_person]", "input[name=categories][value=routine]", "input[name=residentIDs]"]:
            box = form.find_element(By.CSS_SELECTOR, selector)
            d.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
            box.click()
        form.find_element(By.NAME, "notes").send_keys(note)
        form.find_element(By.NAME, "findingText").send_keys("屋顶漏雨，需要协调修缮")
        button = form.find_element(By.CSS_SELECTOR, "button[type=submit]")
        d.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        if shot: d.save_screenshot(shot)
        button.click()
        saved(d, before)

    def saved(d, before):
        # Kept on the phone: one more waiting, and the form says so.
        WebDriverWait(d, 10).until(lambda d: int(badge(d) or 0) == before + 1 and d.find_element(By.ID, "queue-note").text == "已保存，待上传")

    phone = phone_on_profile()
    try:
        sign_in_here(phone)
        phone.get(base + "/field")
        WebDriverWait(phone, 20).until(lambda d: d.find_element(By.ID, "field-count").text.startswith("共"))
        count = phone.find_element(By.ID, "field-count").text
        check("户籍数据更新于" in phone.find_element(By.ID, "copy-age").text and len(phone.find_elements(By.CSS_SELECTOR, "#field-households li")) > 0,
              f"phone: the field page loads the grid's households into the phone ({count})")
        check(phone.find_elements(By.CSS_SELECTOR, "link[rel=manifest]"), "phone: the pages name the app's manifest (add to home screen)")
        ready = phone.execute_async_script("const done = arguments[0]; navigator.serviceWorker.ready.then(r => done(!!r.active)).catch(() => done(false))")
        check(ready, "phone: the service worker is installed and active")
        phone.save_screenshot(f"{OUT}/phone-390x844-48-field-online.png")

        # No signal: the page opens from the phone; three visits on two households wait there.
        signal.cut()
        phone.refresh()
        WebDriverWait(phone, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#field-households li"))
        state = phone.find_element(By.ID, "copy-state").text
        check(phone.find_element(By.ID, "field-count").text == count and "无网络" in state,
              f"phone: with no signal the field page opens from the phone with its households ({state})")
        phone.save_screenshot(f"{OUT}/phone-390x844-49-field-offline.png")
        record(phone, 0, "第一次：院子里没有信号", shot=f"{OUT}/phone-390x844-50a-visit-form-offline.png")
        phone.save_screenshot(f"{OUT}/phone-390x844-50-visit-saved-offline.png")
        record(phone, 0, "第二次：补充情况")
        record(phone, 1, "第三次：邻居家")
        check(badge(phone) == "3" and phone.find_element(By.ID, "queue-badge").text == "3 条待上传" and states(phone) == ["pending"] * 3,
              f"phone: three visits recorded with no signal each wait, the badge says 3 ({states(phone)})")
        phone.save_screenshot(f"{OUT}/phone-390x844-51-queue-three.png")
        kept = phone.execute_async_script(OFFLINE_CONTENTS)
        check(kept.get("households", 0) > 0 and kept.get("cached", 0) >= 3 and kept.get("ids") == 0 and kept.get("phones") == 0 and not kept.get("masked"),
              f"phone: the copy, the queue and the cached pages hold no ID number or phone ({kept})")
    finally:
        phone.quit()

    # The browser closed and opened again on the same phone, still with no signal.
    phone = phone_on_profile()
    try:
        phone.get(base + "/field")
        WebDriverWait(phone, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#queue-items li"))
        check(badge(phone) == "3" and states(phone) == ["pending"] * 3, f"phone: after the browser is reopened the 3 still wait ({states(phone)})")

        # Signal back. The session may have ended meanwhile: signed in again as the same officer, they go.
        signal.restore()
        sign_in_here(phone)
        phone.get(base + "/field")
        WebDriverWait(phone, 30).until(lambda d: states(d) == ["sent"] * 3)
        sent = [a.get_attribute("href") for a in phone.find_elements(By.CSS_SELECTOR, "#queue-items li a")]
        check(badge(phone) == "0" and len(set(sent)) == 3, f"phone: back online all 3 are sent, each once, the badge back to 0 ({len(set(sent))} visits)")
        phone.save_screenshot(f"{OUT}/phone-390x844-52-queue-sent.png")
        # What the server holds: each visit once, by its client id.
        token = phone.execute_async_script("""const done = arguments[arguments.length - 1];
            fetch('/api/v1/auth/login', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({username: 'minjing', password: arguments[0]})})
              .then(r => r.json()).then(j => done(j.token)).catch(e => done(''))""", accounts["minjing"])
        stored = phone.execute_async_script("""const [token, done] = [arguments[0], arguments[arguments.length - 1]];
            (async () => {
              const db = await new Promise(ok => { const r = indexedDB.open('jingmin-field'); r.onsuccess = () => ok(r.result); });
              const items = await new Promise(ok => { const r = db.transaction('queue').objectStore('queue').getAll(); r.onsuccess = () => ok(r.result); });
              db.close();
              const out = [];
              for (const i of items) {
                const v = await fetch('/api/v1/visits/' + i.serverID, {headers: {Authorization: 'Bearer ' + token}}).then(r => r.json());
                out.push(v.clientID === i.clientID && v.findings.length === 1);
              }
              done(out);
            })().catch(e => done(String(e)));""", token)
        check(stored == [True] * 3, f"phone: the server holds each of the 3 with its client id and finding ({stored})")

        # The same item sent again (its answer lost on the way): still one visit.
        again = phone.execute_async_script("""const done = arguments[arguments.length - 1];
            (async () => {
              const db = await new Promise(ok => { const r = indexedDB.open('jingmin-field'); r.onsuccess = () => ok(r.result); });
              const item = await new Promise(ok => { const r = db.transaction('queue').objectStore('queue').getAll(); r.onsuccess = () => ok(r.result[0]); });
              const session = await fetch('/field/session').then(r => r.json());
              const send = () => fetch('/field/visits', {method: 'POST', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf}, body: JSON.stringify(item.body)})
                .then(async r => [r.status, (await r.json()).id]);
              db.close();
              done({first: item.serverID, again: await send()});
            })().catch(e => done(String(e)));""")
        check(again.get("again") == [200, again.get("first")], f"phone: an item sent twice is stored once ({again})")

        # API reads go straight to the server, not through the phone's signal.
        import json as jsonlib, urllib.request
        def api(path):
            request = urllib.request.Request(BASE + path, headers={"Authorization": "Bearer " + token})
            return jsonlib.loads(urllib.request.urlopen(request, timeout=30).read())
        def tap(selector):
            button = phone.find_element(By.CSS_SELECTOR, selector)
            phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
            button.click()
        def save_form(before):
            tap("#record-form button[type=submit]")
            saved(phone, before)

        # The signal fades mid-request: the server stores the visit but the phone never hears
        # back. The item waits, goes again, and is still one visit.
        before = len(api("/api/v1/offline-receipts"))
        signal.deaf = True
        record(phone, 0, "第五次：信号时有时无")
        WebDriverWait(phone, 20).until(lambda d: len(api("/api/v1/offline-receipts")) == before + 1 and states(d)[0] == "pending")
        signal.deaf = False
        phone.find_element(By.ID, "queue-send").click()
        WebDriverWait(phone, 20).until(lambda d: states(d)[0] == "sent")
        receipts = api("/api/v1/offline-receipts")
        newest = phone.execute_script("return document.querySelector('#queue-items li a').getAttribute('href')")
        check(len(receipts) == before + 1 and [r["kind"] for r in receipts if f"/visits/{r['recordID']}" == newest] == ["visit"],
              f"phone: a visit whose answer was lost on the way is sent again and stored once ({newest}, {len(receipts) - before} new)")

        # No signal again: a patrol started, a walk-in noted and the patrol ended, all on the phone.
        signal.cut()
        tap("button.patrol-start")
        residents = phone.find_element(By.CSS_SELECTOR, "#record-form input[name=residents]")
        residents.clear()
        residents.send_keys("2")
        phone.save_screenshot(f"{OUT}/phone-390x844-55a-patrol-start-offline.png")
        save_form(0)
        running = phone.find_element(By.CSS_SELECTOR, "#field-work-actions .patrol-running").text
        tap("button.consultation-new")
        tap("#record-form input[name=topic]")
        phone.find_element(By.CSS_SELECTOR, "#record-form textarea[name=note]").send_keys("问办理居住证要带什么")
        save_form(1)
        tap("button.patrol-end")
        phone.find_element(By.CSS_SELECTOR, "#record-form textarea[name=note]").send_keys("村口路灯不亮，已告知村委会")
        save_form(2)
        waiting = phone.find_element(By.ID, "queue-items").text
        check(badge(phone) == "3" and states(phone)[:3] == ["pending"] * 3 and "巡逻中" in running and "开始巡逻" in waiting and "接待登记" in waiting
              and "结束巡逻" in waiting and phone.find_elements(By.CSS_SELECTOR, "button.patrol-start"),
              f"phone: a patrol started and ended and a walk-in noted with no signal wait on the phone ({running})")
        phone.execute_script("document.querySelector('section.queue').scrollIntoView()")
        phone.save_screenshot(f"{OUT}/phone-390x844-55-work-offline.png")

        # The session ends meanwhile and a colleague signs in on this phone: nothing is sent as him.
        phone.delete_cookie("jm_session")
        signal.restore()
        sign_in_here(phone, "fujing")
        phone.get(base + "/field")
        WebDriverWait(phone, 20).until(lambda d: d.find_element(By.ID, "queue-why").text)
        others = phone.find_element(By.ID, "queue-others").text
        check(len(api("/api/v1/offline-receipts")) == before + 1 and "3" in others,
              f"phone: signed in as someone else, the officer's items are not sent ({others})")
        phone.execute_script("document.querySelector('section.queue').scrollIntoView()")
        phone.save_screenshot(f"{OUT}/phone-390x844-56-other-officer.png")

        # The officer again: the start goes first, then the walk-in, then the end naming the start.
        phone.delete_cookie("jm_session")
        sign_in_here(phone)
        phone.get(base + "/field")
        WebDriverWait(phone, 30).until(lambda d: states(d)[:3] == ["sent"] * 3)
        links = phone.execute_script("return [...document.querySelectorAll('#queue-items li a')].slice(0, 3).map(a => a.getAttribute('href'))")
        patrol = api("/api/v1" + links[0])
        consultations = api("/api/v1/consultations")
        check(links[0] == links[2] and patrol.get("endedAt") and patrol.get("residents") == 2 and "村口路灯不亮" in patrol.get("note", "")
              and any(c["note"] == "问办理居住证要带什么" for c in consultations) and len(api("/api/v1/offline-receipts")) == before + 4,
              f"phone: back online the patrol is stored started and ended, and the walk-in once ({links})")
        phone.get(base + "/offline/received")
        listed = phone.find_element(By.CSS_SELECTOR, "main").text
        check("开始巡逻" in listed and "结束巡逻" in listed and "接待登记" in listed, "phone: the records sent from the queue are listed with when they happened and arrived")
        phone.save_screenshot(f"{OUT}/phone-390x844-57-received.png")

        # A week on, the visits sent leave the phone's list (the server has them).
        aged = phone.execute_async_script("""const done = arguments[arguments.length - 1];
            (async () => {
              const db = await new Promise(ok => { const r = indexedDB.open('jingmin-field'); r.onsuccess = () => ok(r.result); });
              const tx = db.transaction('queue', 'readwrite'), store = tx.objectStore('queue');
              const items = await new Promise(ok => { const r = store.getAll(); r.onsuccess = () => ok(r.result); });
              let n = 0;
              for (const i of items) if (i.kind === 'visit' && i.state === 'sent') { i.sentAt = Date.now() - 8 * 86400000; store.put(i); n++; }
              tx.oncomplete = () => { db.close(); done([n, items.length]); };
            })();""")
        phone.get(base + "/field")
        WebDriverWait(phone, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#queue-items li"))
        left = phone.execute_script("return [...document.querySelectorAll('#queue-items li strong')].map(s => s.textContent)")
        check(aged[0] == 4 and len(left) == aged[1] - 4 and all(t.startswith(("开始巡逻", "接待登记", "结束巡逻")) for t in left),
              f"phone: visits sent a week ago leave the phone's list ({aged[0]} of {aged[1]} gone, {len(left)} left)")

        # A refused item: a household gone meanwhile. Its reason shows, and it survives a reload.
        signal.cut()
        record(phone, 1, "第四次：这户已经搬走")
        phone.execute_async_script("""const done = arguments[arguments.length - 1];
            (async () => {
              const db = await new Promise(ok => { const r = indexedDB.open('jingmin-field'); r.onsuccess = () => ok(r.result); });
              const tx = db.transaction('queue', 'readwrite'), store = tx.objectStore('queue');
              const items = await new Promise(ok => { const r = store.getAll(); r.onsuccess = () => ok(r.result); });
              for (const i of items) if (i.state === 'pending') { i.householdID = 999999; i.body.householdID = 999999; store.put(i); }
              tx.oncomplete = () => { db.close(); done(true); };
            })();""")
        signal.restore()
        phone.find_element(By.ID, "queue-send").click()
        WebDriverWait(phone, 20).until(lambda d: "refused" in states(d))
        phone.refresh()
        WebDriverWait(phone, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#queue-items li.refused"))
        refused = phone.execute_script("return document.querySelector('#queue-items li.refused').textContent")
        check("户不存在或不在辖区内" in refused and badge(phone) == "1", f"phone: a refused item shows its reason in Chinese and survives a reload ({refused[:60]})")
        phone.save_screenshot(f"{OUT}/phone-390x844-53-queue-refused.png")

        # A new version of the app is deployed while the item waits: the queue is kept.
        upgraded = phone.execute_async_script("""const done = arguments[arguments.length - 1];
            navigator.serviceWorker.register('/static/sw.js?v=test-next', {scope: '/'}).then(r => new Promise(ok => {
              const w = r.installing || r.waiting || r.active;
              if (w.state === 'activated') return ok(r);
              w.addEventListener('statechange', () => w.state === 'activated' && ok(r));
            })).then(async () => done({caches: await caches.keys()})).catch(e => done({error: String(e)}));""")
        phone.refresh()
        WebDriverWait(phone, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#queue-items li.refused"))
        check(upgraded.get("caches") == ["jingmin-field-test-next"] and badge(phone) == "1",
              f"phone: a new version of the app replaces the old shell and keeps the waiting item ({upgraded})")
        # Discarding asks first.
        phone.execute_script("document.querySelector('#queue-items li.refused button.discard').click()")
        WebDriverWait(phone, 10).until(EC.alert_is_present())
        phone.switch_to.alert.dismiss()
        check(badge(phone) == "1", "phone: discarding asks first, and a no keeps the item")

        # Signing out with an item waiting warns; a no keeps the officer signed in.
        logout = phone.find_element(By.CSS_SELECTOR, "form.logout button")
        logout.click()
        WebDriverWait(phone, 10).until(EC.alert_is_present())
        warning = phone.switch_to.alert.text
        phone.switch_to.alert.dismiss()
        WebDriverWait(phone, 10).until(EC.alert_is_present())
        phone.switch_to.alert.dismiss()
        check("未上传" in warning and "/field" in phone.current_url, f"phone: signing out with an item waiting warns first ({warning})")
        phone.save_screenshot(f"{OUT}/phone-390x844-54-signout-warning.png")

        # Discarded on purpose, then signing out clears the phone.
        phone.execute_script("document.querySelector('#queue-items li.refused button.discard').click()")
        WebDriverWait(phone, 10).until(EC.alert_is_present())
        phone.switch_to.alert.accept()
        WebDriverWait(phone, 10).until(lambda d: badge(d) == "0")
        go(phone, phone.find_element(By.CSS_SELECTOR, "form.logout button"))
        left = phone.execute_async_script(OFFLINE_CONTENTS)
        check(left.get("households") == 0 and left.get("cached") == 0, f"phone: signing out clears the offline copy and the cached pages ({left})")
    finally:
        phone.quit()
        shutil.rmtree(profile, ignore_errors=True)

accounts = logins()
for size, (w, h, mobile), user in [("phone-390x844", (390, 844, True), "minjing"), ("desktop-1280x800", (1280, 800, False), "suozhang")]:
    d = driver(w, h, mobile)
    try:
        walk(d, size, user, accounts[user])
        if user == "minjing":
            log_visit(d, size)
            dispute_walk(d, size)
            victim_walk(d, size)
            patrol_walk(d, size)
            my_duty(d, size)
            alarm_groups_walk(d, size)
            request_walk(d, size, accounts)
            traditional(d, size)
            services_walk(d, size, accounts)
        overview(d, size)
        if user == "suozhang":
            campaign(d, size)
            roster_walk(d, size)
            office_hours_walk(d, size)
            dashboard_walk(d, size, accounts)
        station_dashboard(d, size, accounts)
        dispute_tiles(d, size, accounts)
    except Exception as e:
        check(False, f"{size}: walk-through raised {type(e).__name__}: {e}")
        d.save_screenshot(f"{OUT}/{size}-error.png")
    finally:
        d.quit()

try:
    alarm_walk(accounts)
except Exception as e:
    check(False, f"alarm walk raised {type(e).__name__}: {e}")

try:
    survey_walk(accounts)
except Exception as e:
    check(False, f"survey walk raised {type(e).__name__}: {e}")

try:
    offline_walk(accounts)
except Exception as e:
    check(False, f"offline walk raised {type(e).__name__}: {e}")

print(f"browser: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
