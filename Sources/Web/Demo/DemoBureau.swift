import Domain
import Foundation
import Persistence
import Vapor

/// `jingmin demo`: a realistic bureau to try the system with — 3 stations, urban communities
/// and rural villages, 12 grids each with its officer, ~620 households and their residents,
/// and one account per role. `--scale district` builds one like seed 004's instead: 10
/// stations, 102 communities and villages, 306 grids, ~150 k households. Both come with a year
/// of past work (`DemoHistory`). Names and numbers are made up but valid (ID check digits hold).
public enum DemoBureau {
    public static let bureauCode = "DEMO"

    public struct Login: Sendable { public var role: Role; public var username: String; public var password: String; public var unit: String }

    /// `city` is a documented fraction of Chengdu (261 stations, 3,042 grids, 8 M households):
    /// one station in twenty with Chengdu's ~12 grids a station and ~2,630 households a grid —
    /// 13 stations, 156 grids, ~410 k households, ~1 M residents, ~5.5 M visits a year. The
    /// whole city would not fit this machine's time; Benchmarks/README.md extrapolates from it.
    public enum Scale: String, Sendable, CaseIterable {
        case bureau, district, city
        var gridsPerArea: Int { self == .bureau ? 2 : 3 }
        var householdsPerGrid: Int { switch self { case .bureau: 52; case .district: 490; case .city: 2_630 } }
        var layout: [Layout] {
            switch self {
            case .bureau: DemoBureau.stations
            case .district: generatedStations(10) { $0 < 2 ? 11 : 10 }
            case .city: generatedStations(13) { _ in 4 }
            }
        }
    }

    struct Layout { var code: String; var name: String; var areas: [(code: String, name: String, kind: UnitKind, town: String)] }
    static let stations: [Layout] = [
        Layout(code: "DEMO-CG", name: "城关派出所", areas: [("DEMO-CG-JS", "建设路社区", .community, "城关镇"), ("DEMO-CG-XH", "兴华社区", .community, "城关镇")]),
        Layout(code: "DEMO-WY", name: "五营派出所", areas: [("DEMO-WY-MX", "马小村", .village, "五营镇"), ("DEMO-WY-SH", "邵河村", .village, "五营镇")]),
        Layout(code: "DEMO-LH", name: "莲花派出所", areas: [("DEMO-LH-LH", "莲花社区", .community, "莲花镇"), ("DEMO-LH-SJ", "上金村", .village, "莲花镇")]),
    ]

    /// The three stations above and more, up to `count`, each with `areas(i)` communities and
    /// villages (the district: 10 stations, 102 communities and villages in all).
    static func generatedStations(_ count: Int, areas: (Int) -> Int) -> [Layout] {
        let more = [("DQ", "东关"), ("XG", "西关"), ("NG", "南关"), ("JS", "金山"), ("HK", "河口"), ("XC", "新城"), ("SQ", "石桥"),
                    ("BT", "北塔"), ("LY", "柳营"), ("QL", "青龙"), ("BH", "白鹤"), ("TF", "天府"), ("JN", "锦南"), ("HX", "华西")]
        let places = Array("安宁和平幸福团结胜利光明红星向阳青山绿水长乐永兴太平富民兴隆吉祥丰收德胜春华秋实")
        var all = stations
        for (code, name) in more.prefix(count - stations.count) { all.append(Layout(code: "DEMO-\(code)", name: "\(name)派出所", areas: [])) }
        var n = 0
        for i in all.indices {
            let town = String(all[i].name.prefix(2)) + "镇"
            while all[i].areas.count < areas(i) {
                let k = all[i].areas.count, village = k % 2 == 1
                let name = String(places[(n * 2) % places.count]) + String(places[(n * 2 + 1 + n / places.count) % places.count]) + (village ? "村" : "社区")
                all[i].areas.append(("\(all[i].code)-A\(String(format: "%02d", k + 1))", name, village ? .village : .community, town))
                n += 1
            }
        }
        return all
    }

    /// Creates the demo (or, when it exists, issues fresh passwords for the role accounts) and
    /// returns the accounts to print. Passwords exist only in this answer.
    public static func load(_ app: Application, scale: Scale = .bureau, progress: (@Sendable (String) -> Void)? = nil) async throws -> [Login] {
        let store = app.store
        let cli = commandLineCaller
        if (try? await store.unit(code: bureauCode, cli)) != nil {
            return try await resetPasswords(app)
        }
        _ = try await store.createUnit(code: bureauCode, name: "示范县公安局", kind: .bureau, parentCode: nil, cli)
        var grids: [(code: String, town: String, area: String, kind: UnitKind)] = [], gridStations: [(station: String, code: String)] = []
        for s in scale.layout {
            _ = try await store.createUnit(code: s.code, name: s.name, kind: .station, parentCode: bureauCode, cli)
            for a in s.areas {
                _ = try await store.createUnit(code: a.code, name: a.name, kind: a.kind, parentCode: s.code, cli)
                for g in 1...scale.gridsPerArea {
                    let code = "\(a.code)-G\(g)"
                    _ = try await store.createUnit(code: code, name: "\(a.name)第\(g)网格", kind: .grid, parentCode: a.code, cli)
                    grids.append((code, a.town, a.name, a.kind))
                    gridStations.append((s.code, code))
                }
            }
        }
        _ = try await store.importGridOutlines(geojson: DemoOutlines.geojson(grids: gridStations), cli)
        progress?("units: \(grids.count) grids")

        // One responsible officer per grid (一村一警), named before the register arrives so that
        // the must-visit tasks it triggers land on someone's list. Their passwords are random and
        // unknown (one hash for all: an administrator issues real ones).
        let unusable = try await app.password.async.hash(Store.randomToken())
        for (i, g) in grids.enumerated() {
            let username = "officer\(String(format: "%02d", i + 1))"
            let account = try await store.createAccount(NewAccount(username: username, displayName: "\(RegisterCSV.surnames[i % RegisterCSV.surnames.count])警官", role: .officer, unitCode: g.code),
                                                        passwordHash: unusable, cli)
            let grid = try await store.unit(code: g.code, cli)
            try await store.setResponsibleOfficer(gridID: grid.id, userID: account.id, cli)
        }
        let firstGrid = try await store.unit(code: grids[0].code, cli)
        let roleAccounts: [(String, String, Role, String)] = [
            ("admin", "系统管理员", .admin, bureauCode),
            ("juzhang", "刘建华", .bureauLeader, bureauCode),
            ("suozhang", "王志强", .stationLeader, stations[0].code),
            // Another station's leader: what one station does stays out of the other's sight.
            ("waisuo", "陈建国", .stationLeader, stations[1].code),
            ("minjing", "李明", .officer, grids[0].code),
            ("fujing", "赵勇", .auxiliary, grids[0].code),
        ]
        for (username, name, role, unit) in roleAccounts {
            let account = try await store.createAccount(NewAccount(username: username, displayName: name, role: role, unitCode: unit),
                                                        passwordHash: try await app.password.async.hash(Store.randomToken()), cli)
            if role == .officer { try await store.setResponsibleOfficer(gridID: firstGrid.id, userID: account.id, cli) }
        }

        var rng = SplitMix64(seed: 20261123)
        let csv = RegisterCSV.demo(grids: grids, householdsPerGrid: scale.householdsPerGrid, rng: &rng)
        let result = try await store.importRegister(csv: csv, cli) { done, total in
            if scale != .bureau, done % 50_000 < 200 || done == total { progress?("register: \(done * 100 / total)% (\(done) / \(total) residents)") }
        }
        progress?("register: \(result.households) households, \(result.residents) residents")

        let household = try await store.households(gridID: firstGrid.id, cli, limit: 1).first!
        _ = try await store.createAccount(NewAccount(username: "jumin", displayName: "居民账号", role: .resident, unitCode: grids[0].code, householdID: household.id),
                                          passwordHash: try await app.password.async.hash(Store.randomToken()), cli)
        let history = try await DemoHistory.generate(store, now: store.now(), progress: progress)
        progress?("history: \(history.visits) visits, \(history.findings) findings, \(history.requests) requests, \(history.tasks) tasks done, \(history.meetings) meetings")
        try await requestsAndMeeting(store, grid: firstGrid)
        try await casework(store, grid: firstGrid)
        try await duty(store)
        try await alarmGroups(store, app, grid: firstGrid, resident: household.id)
        try await services(store, grid: firstGrid, resident: household.id)
        try await surveys(store)
        try await informants(store, grid: firstGrid)
        return try await resetPasswords(app)
    }

    static let printedAccounts = ["admin", "juzhang", "suozhang", "minjing", "fujing", "jumin", "linju", "tazu", "waisuo"]

    /// A few requests at every step of the workflow and one 恳谈会, so each role's pages have
    /// something in them: one waiting to be assigned, one being worked, one awaiting the return
    /// visit, one closed — and the meeting's suggestions waiting in the community's queue.
    static func requestsAndMeeting(_ store: Store, grid: Domain.Unit) async throws {
        func caller(_ u: String) async throws -> Caller { try await store.credentials(username: u)!.account.caller(clientAddress: "demo") }
        let resident = try await caller("jumin"), leader = try await caller("suozhang"), officer = try await caller("minjing")
        _ = try await store.createRequest(RequestInput(categoryCode: "traffic", description: "小区门口的路灯坏了半个月，晚上老人出门看不清路", contactPhone: "13800138000"),
                                          origin: RequestOrigin(channel: .portal), resident)
        let steps: [(String, String, Int)] = [("neighbour", "楼上住户装修噪音扰民，晚上十点后还在施工", 1), ("public_order", "菜市场周边电动车被盗多起，希望加强巡逻", 2),
                                              ("documents", "父亲卧床，想请民警上门办理身份证", 3)]
        for (code, text, reached) in steps {
            let r = try await store.createRequest(RequestInput(categoryCode: code, description: text, gridID: grid.id, contactName: "张桂兰", contactPhone: "13912341234"),
                                                  origin: RequestOrigin(channel: .hotline), officer)
            _ = try await store.assignRequest(id: r.id, unitID: grid.id, assigneeID: officer.userID!, leader)
            _ = try await store.startRequest(id: r.id, officer)
            if reached >= 2 { _ = try await store.resolveRequest(id: r.id, outcome: "已与相关方沟通并处理，情况已告知反映人。", officer) }
            if reached >= 3 { _ = try await store.recordReturnVisit(id: r.id, satisfaction: "satisfied", method: "phone", comment: "民警很负责", officer) }
        }
        guard let community = grid.parentID else { return }
        _ = try await store.createMeeting(MeetingInput(unitID: community, kind: MeetingKind.heartToHeart.rawValue, heldOn: ChinaTime.day(store.now().addingTimeInterval(-86400)),
                                                       place: "社区活动室", attendance: Attendance(residents: 46, deputies: 2, cadres: 3, supervisors: 1),
                                                       minutes: "通报近期辖区治安形势和防范电信诈骗知识，听取群众意见建议。",
                                                       evaluation: Evaluation(satisfied: 47, basicallySatisfied: 4, dissatisfied: 1),
                                                       suggestions: [MeetingSuggestion(categoryCode: "traffic", description: "学校门口上下学时段车辆拥堵，建议增派警力疏导"),
                                                                     MeetingSuggestion(categoryCode: "suggestion", description: "希望多开展防诈骗宣传进小区")]),
                                          leader)
    }

    static func resetPasswords(_ app: Application) async throws -> [Login] {
        let cli = commandLineCaller
        var out: [Login] = []
        for username in printedAccounts {
            guard let (account, _) = try await app.store.credentials(username: username) else { continue }
            let password = Self.readablePassword()
            try await app.store.setPassword(userID: account.id, passwordHash: try await app.password.async.hash(password), cli)
            out.append(Login(role: account.role, username: username, password: password, unit: account.unitName))
        }
        return out
    }

    /// 12 characters, easy to type on a phone.
    static func readablePassword() -> String { Store.readableToken(length: 12) }
}

/// Builds register CSV in the import format.
enum RegisterCSV {
    static let surnames = Array("王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢")
    static let givenMale = ["建国", "志强", "伟", "军", "勇", "明", "海涛", "国庆", "文华", "小龙", "子豪", "浩然", "俊杰", "德福", "永红", "宏伟"]
    static let givenFemale = ["秀英", "桂兰", "丽", "芳", "静", "敏", "燕", "玉梅", "淑珍", "雪", "欣怡", "梓涵", "雨桐", "春花", "红霞", "晓琳"]
    static let streets = ["建设路", "人民路", "解放街", "兴华巷", "北关路", "西关街"]

    static func demo(grids: [(code: String, town: String, area: String, kind: UnitKind)], householdsPerGrid: Int, rng: inout SplitMix64) -> String {
        var out = CSV.line(RegisterImport.columns)
        var serial = 0
        for (gi, g) in grids.enumerated() {
            for h in 1...householdsPerGrid {
                let address = g.kind == .village
                    ? "\(g.town)\(g.area)\(gi % 2 == 0 ? h / 20 + 1 : h / 20 + 4)组\(h)号"
                    : "\(g.town)\(streets[(gi + h) % streets.count])\(h * 3 + gi)号\(h % 4 + 1)单元\(100 * (h % 6 + 1) + h % 3 + 1)"
                let surname = String(surnames.randomElement(using: &rng)!)
                let size = Int.random(in: 1...4, using: &rng)
                for m in 0..<size {
                    serial += 1
                    let female = m == 1 ? true : Bool.random(using: &rng)
                    let year = m == 0 ? Int.random(in: 1940...1985, using: &rng) : (m == 1 ? Int.random(in: 1945...1990, using: &rng) : Int.random(in: 1995...2020, using: &rng))
                    let month = Int.random(in: 1...12, using: &rng), day = Int.random(in: 1...28, using: &rng)
                    let name = (m == 1 ? String(surnames.randomElement(using: &rng)!) : surname) + (female ? givenFemale : givenMale).randomElement(using: &rng)!
                    let id = idNumber(year: year, month: month, day: day, serial: serial, female: female)
                    let phone = (m < 2 || year < 2008) ? "1" + ["38", "39", "58", "77", "86", "35"].randomElement(using: &rng)! + String(format: "%08d", Int.random(in: 0...99_999_999, using: &rng)) : ""
                    var tags: [ResidentTag] = []
                    if year < 1950 && size == 1 { tags.append(.elderlyAlone) }
                    if year > 2010 && Int.random(in: 0..<8, using: &rng) == 0 { tags.append(.leftBehindChild) }
                    if year < 1960 && Int.random(in: 0..<25, using: &rng) == 0 { tags.append(.veteran) }
                    if m == 0 && Int.random(in: 0..<60, using: &rng) == 0 { tags.append(.deputy) }
                    if m == 0 && Int.random(in: 0..<40, using: &rng) == 0 { tags.append(.informant) }
                    if m == 0 && Int.random(in: 0..<50, using: &rng) == 0 { tags.append(.specialHardship) }
                    if m == 0 && Int.random(in: 0..<45, using: &rng) == 0 { tags.append(.disputeParty) }
                    if m == 0 && Int.random(in: 0..<90, using: &rng) == 0 { tags.append(.majorLifeChange) }
                    out += CSV.line([g.code, address, name, female ? "female" : "male", String(format: "%04d-%02d-%02d", year, month, day),
                                     id, phone, ResidentTag.storageString(tags)])
                }
            }
        }
        return out
    }

    /// A valid 18-character ID number: region, birth date, a serial whose last digit is odd for
    /// men. Region and serial come from the running count, so no two demo residents share one.
    static func idNumber(year: Int, month: Int, day: Int, serial: Int, female: Bool) -> String {
        let regions = ["620522", "620521", "620523", "620502", "620503", "620524", "620525", "620581"]
        let seq = (serial % 500) * 2 + (female ? 0 : 1)
        // Past the first 4,000 people (the small demo) every 500 get a region code of their own.
        let region = serial < 4000 ? regions[(serial / 500) % regions.count] : "62" + String(format: "%04d", 1000 + serial / 500)
        let body = region + String(format: "%04d%02d%02d%03d", year, month, day, seq)
        return body + String(IDNumber.checkCharacter(for: body)!)
    }
}
