import Domain
import Foundation
import Persistence

/// A year of past work for the demo, so dashboards, trends and lists look like a station's:
/// about 13 visits per household a year (fewer at weekends, more during the spring and autumn
/// 大走访), 6 % of them with a finding, the needs and suggestions among those becoming requests
/// that went through the workflow (most closed after a return visit, a few reopened, late or
/// still open), residents' own requests by portal and hotline, a 恳谈会 a month in every
/// community and village with its suggestions, and the care and must-visit tasks the visits
/// completed. Seeded, so every machine gets the same district.
enum DemoHistory {
    static let visitsPerHouseholdYear = 13.3

    struct Totals { var visits = 0, findings = 0, requests = 0, tasks = 0, meetings = 0 }

    static func generate(_ store: Store, now: Date, progress: (@Sendable (String) -> Void)?) async throws -> Totals {
        let households = try await store.historyHouseholds()
        guard !households.isEmpty else { return Totals() }
        let categories = try await store.requestCategories()
        let suggestionCategory = categories.first { $0.code == "suggestion" } ?? categories[0], needCategories = categories.filter { $0.code != "suggestion" }
        let communities = Dictionary(grouping: households, by: \.communityID)
        var ids = try await store.nextHistoryIDs()
        var rng = SplitMix64(seed: 20251124)
        var chunk = HistoryChunk(), totals = Totals()
        let cal = Calendar.shanghai, today = cal.startOfDay(for: now)
        let perDay = Double(households.count) * visitsPerHouseholdYear / 365 / 0.93   // weekends are quieter: 0.93 is the mean factor
        let portalPerDay = max(1, households.count / 3_500)

        func request(_ kind: RequestKind, _ channel: RequestChannel, _ text: String, _ h: HistoryHousehold, at: Date,
                     visit: Int64? = nil, finding: Int64? = nil, meeting: Int64? = nil) -> HistoryChunk.Request {
            let category = kind == .suggestion ? suggestionCategory : needCategories.randomElement(using: &rng)!
            var r = HistoryChunk.Request(id: ids.request, kind: kind, category: category, channel: channel, status: .new, description: text, household: h,
                                         contactName: channel == .visit ? "" : RequestTexts.contactName(&rng), createdAt: at, deadlineAt: category.deadline(from: at),
                                         assignedAt: nil, startedAt: nil, resolvedAt: nil, closedAt: nil, firstResolve: nil, satisfaction: nil, outcome: "",
                                         visitID: visit, findingID: finding, meetingID: meeting)
            ids.request += 1
            RequestTexts.live(&r, now: now, rng: &rng)
            return r
        }

        func flush() async throws {
            guard !chunk.isEmpty else { return }
            try await store.appendHistory(chunk)
            totals.visits += chunk.visits.count; totals.findings += chunk.findings.count; totals.requests += chunk.requests.count
            totals.tasks += chunk.tasks.count; totals.meetings += chunk.meetings.count
            chunk = HistoryChunk()
        }

        var shown = -1
        for back in stride(from: 364, through: 0, by: -1) {
            let day = cal.date(byAdding: .day, value: -back, to: today)!
            let weekday = cal.component(.weekday, from: day), month = cal.component(.month, from: day), dom = cal.component(.day, from: day)
            let campaign = (month == 1 && dom >= 10) || (month == 9 && dom >= 10)   // 春节前 and autumn 大走访 drives
            let factor = (weekday == 1 || weekday == 7 ? 0.75 : 1.0) * (campaign ? 1.5 : 1.0)
            let count = Int(perDay * factor * Double.random(in: 0.9...1.1, using: &rng))
            for _ in 0..<count {
                let h = households.randomElement(using: &rng)!
                let at = day.addingTimeInterval(Double.random(in: 8 * 3_600...20 * 3_600, using: &rng))
                guard at < now else { continue }
                let method: VisitMethod = Int.random(in: 0..<100, using: &rng) < 78 ? .inPerson : (Bool.random(using: &rng) ? .phone : .meeting)
                let category = RequestTexts.visitCategory(&rng, campaign: campaign)
                let met = h.residentIDs.isEmpty ? [] : Array(h.residentIDs.shuffled(using: &rng).prefix(method == .phone ? 1 : Int.random(in: 1...3, using: &rng)))
                let v = HistoryChunk.Visit(id: ids.visit, household: h, at: at, method: method, categories: [category], residentIDs: met,
                                           notes: RequestTexts.visitNotes[category, default: "了解家庭情况。"])
                ids.visit += 1
                chunk.visits.append(v)
                if category == .care || category == .mustVisit, Bool.random(using: &rng) {
                    let due = at.addingTimeInterval(Double.random(in: -4...10, using: &rng) * 86_400)
                    chunk.tasks.append(HistoryChunk.Task(ruleCode: category == .care ? "care" : ["dispute_party", "case_party", "major_life_change"].randomElement(using: &rng)!,
                                                         title: category == .care ? "关爱走访" : "五必访", household: h, residentID: met.first,
                                                         createdAt: due.addingTimeInterval(-7 * 86_400), dueAt: due, visitID: v.id, completedAt: at))
                }
                guard Int.random(in: 0..<100, using: &rng) < 6 else { continue }
                let kind = RequestTexts.findingKind(&rng), text = RequestTexts.finding(kind, &rng)
                chunk.findings.append(HistoryChunk.Finding(id: ids.finding, visitID: v.id, kind: kind, description: text, unitPath: h.unitPath, at: at))
                if kind == .need || kind == .suggestion {
                    chunk.requests.append(request(kind == .need ? .request : .suggestion, .visit, text, h, at: at, visit: v.id, finding: ids.finding))
                }
                ids.finding += 1
            }
            for _ in 0..<Int.random(in: portalPerDay / 2...portalPerDay * 3 / 2, using: &rng) {
                let h = households.randomElement(using: &rng)!, at = day.addingTimeInterval(Double.random(in: 7 * 3_600...22 * 3_600, using: &rng))
                guard at < now else { continue }
                chunk.requests.append(request(.request, Bool.random(using: &rng) ? .portal : .hotline, RequestTexts.finding(.need, &rng), h, at: at))
            }
            // The month's 恳谈会 in each community and village, with two suggestions.
            if dom == 15, day.addingTimeInterval(19 * 3_600) < now {
                for (communityID, members) in communities.sorted(by: { $0.key < $1.key }) {
                    let h = members[0], at = day.addingTimeInterval(19 * 3_600)
                    let residents = Int.random(in: 20...60, using: &rng), dissatisfied = Int.random(in: 0...2, using: &rng)
                    let basically = Int.random(in: 0...residents / 8, using: &rng)
                    chunk.meetings.append(HistoryChunk.Meeting(id: ids.meeting, unitID: communityID, unitPath: h.communityPath, kind: .heartToHeart, at: at, place: "社区活动室",
                                                               attendance: Attendance(residents: residents, deputies: Int.random(in: 0...2, using: &rng),
                                                                                      cadres: Int.random(in: 1...4, using: &rng), supervisors: Int.random(in: 0...2, using: &rng)),
                                                               evaluation: Evaluation(satisfied: residents - basically - dissatisfied, basicallySatisfied: basically, dissatisfied: dissatisfied),
                                                               minutes: "通报辖区治安形势，宣传防范电信网络诈骗，听取群众意见建议。"))
                    for _ in 0..<2 {
                        chunk.requests.append(request(.suggestion, .meeting, RequestTexts.finding(.suggestion, &rng), members.randomElement(using: &rng)!, at: at, meeting: ids.meeting))
                    }
                    ids.meeting += 1
                }
            }
            if chunk.visits.count >= 20_000 { try await flush() }
            let percent = (365 - back) * 100 / 365
            if percent / 5 != shown { shown = percent / 5; progress?(bar(percent) + " 历史数据 (a year of history): \(totals.visits + chunk.visits.count) visits") }
        }
        try await flush()
        try await store.finishHistory(summary: "visits=\(totals.visits) findings=\(totals.findings) requests=\(totals.requests) tasks=\(totals.tasks) meetings=\(totals.meetings)",
                                      commandLineCaller)
        return totals
    }

    static func bar(_ percent: Int) -> String {
        let filled = percent * 30 / 100
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled) + "] " + String(format: "%3d%%", percent)
    }
}

/// The words of the generated history.
enum RequestTexts {
    static let needs = ["小区门口路灯坏了，晚上出行不便", "楼道堆放杂物，存在消防隐患", "老人独居，希望定期上门看看", "孩子上学路口车多，希望早晚有人疏导",
                        "电动车充电没有地方，希望增设充电桩", "邻居家狗夜里叫，影响休息", "想给父亲补办身份证，他行动不便", "附近夜市噪音大到凌晨",
                        "村道有坑，雨天积水", "接到可疑电话，担心被骗", "外出务工，家里老人无人照看", "希望帮忙调解宅基地边界问题"]
    static let suggestions = ["建议多开展防诈骗宣传进小区", "建议在菜市场周边增加巡逻", "建议学校门口设置减速带", "建议警务室周末也有人值班",
                              "建议建立楼栋微信群及时发布警情提示", "建议夜间加强背街小巷巡查"]
    static let disputes = ["邻里因漏水发生争执", "两户因停车位产生矛盾", "家庭成员因赡养问题争吵"]
    static let hazards = ["楼道电线私拉乱接", "废弃房屋存在倒塌风险", "河边护栏缺失"]
    static let clues = ["发现陌生人多次在小区徘徊", "有人推销所谓高收益理财"]
    static let outcomes = ["已上门协调处理，情况已告知反映人。", "已联系相关部门解决，并回访确认。", "已现场调解，双方达成一致。", "已协助办理完毕。"]
    static let visitNotes: [VisitCategory: String] = [.routine: "了解家庭情况，留下警民联系卡。", .publicity: "宣传防范电信网络诈骗知识。", .care: "看望慰问，询问生活困难。",
                                                      .returnVisit: "回访前期反映问题的办理情况。", .inspection: "检查消防和用电安全。", .mustVisit: "五必访，了解当事人近况。",
                                                      .homeService: "上门为群众办理证件业务。"]

    static func visitCategory(_ rng: inout SplitMix64, campaign: Bool) -> VisitCategory {
        let n = Int.random(in: 0..<100, using: &rng)
        switch n {
        case ..<(campaign ? 35 : 48): return .routine
        case ..<73: return .publicity
        case ..<84: return .care
        case ..<91: return .returnVisit
        case ..<95: return .inspection
        case ..<99: return .mustVisit
        default: return .homeService
        }
    }

    static func findingKind(_ rng: inout SplitMix64) -> FindingKind {
        let n = Int.random(in: 0..<100, using: &rng)
        return n < 45 ? .need : n < 70 ? .suggestion : n < 82 ? .dispute : n < 94 ? .hazard : .clue
    }

    static func finding(_ kind: FindingKind, _ rng: inout SplitMix64) -> String {
        switch kind {
        case .need: needs.randomElement(using: &rng)!
        case .suggestion: suggestions.randomElement(using: &rng)!
        case .dispute: disputes.randomElement(using: &rng)!
        case .hazard: hazards.randomElement(using: &rng)!
        case .clue: clues.randomElement(using: &rng)!
        }
    }

    static func contactName(_ rng: inout SplitMix64) -> String {
        String(RegisterCSV.surnames.randomElement(using: &rng)!) + (Bool.random(using: &rng) ? RegisterCSV.givenMale : RegisterCSV.givenFemale).randomElement(using: &rng)!
    }

    /// Takes a request through the workflow as far as `now` allows: assigned within hours,
    /// started within a day, resolved in hours to days (some after the deadline, 1.5 % never),
    /// a return visit a day or two later — 86 % 满意, 10 % 基本满意, 4 % 不满意 and reopened.
    static func live(_ r: inout HistoryChunk.Request, now: Date, rng: inout SplitMix64) {
        let hour = 3_600.0, day = 86_400.0
        let assign = r.createdAt + Double.random(in: 0.3...8, using: &rng) * hour
        let start = assign + Double.random(in: 0.5...24, using: &rng) * hour
        let stuck = Int.random(in: 0..<1_000, using: &rng) < 15
        let satisfaction: Satisfaction = { let n = Int.random(in: 0..<100, using: &rng); return n < 86 ? .satisfied : n < 96 ? .basicallySatisfied : .dissatisfied }()
        let reopened = satisfaction == .dissatisfied
        // A reopened one: first resolved a day after work started, rated 不满意 an hour later.
        let firstResolve = (resolvedAt: start + day, reopenedAt: start + day + hour)
        let resolve = reopened ? firstResolve.reopenedAt + Double.random(in: 1...5, using: &rng) * day
            : start + (Int.random(in: 0..<100, using: &rng) < 8 ? Double.random(in: 7...25, using: &rng) : Double.random(in: 0.1...5, using: &rng)) * day
        let close = resolve + Double.random(in: 0.5...3, using: &rng) * day
        guard assign < now else { return }
        r.assignedAt = assign; r.status = .assigned
        guard start < now else { return }
        r.startedAt = start; r.status = .inProgress
        if reopened, firstResolve.reopenedAt < now { r.firstResolve = firstResolve; r.satisfaction = .dissatisfied }
        guard !stuck, resolve < now else { return }
        r.resolvedAt = resolve; r.status = .resolved; r.outcome = outcomes.randomElement(using: &rng)!
        guard close < now else { return }
        r.closedAt = close; r.status = .closed
        r.satisfaction = reopened ? .satisfied : satisfaction
    }
}
