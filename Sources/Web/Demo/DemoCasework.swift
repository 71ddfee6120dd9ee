import Domain
import Foundation
import Persistence

extension DemoBureau {
    /// Disputes at each step, two clues and three cases, so the pages and the dashboard tiles have
    /// something in them: a visit's 纠纷 finding not yet registered (to try "转为纠纷" on), a 高
    /// dispute being mediated, one resolved awaiting its follow-up, one referred; a clue being
    /// checked, one solved; four crime victims, one already visited, one of a sensitive case; two
    /// patrols, one a joint patrol with residents, with a person found and money recovered; an
    /// anti-fraud event and three short videos.
    static func casework(_ store: Store, grid: Domain.Unit) async throws {
        func caller(_ u: String) async throws -> Caller { try await store.credentials(username: u)!.account.caller(clientAddress: "demo") }
        let officer = try await caller("minjing")
        let households = try await store.households(gridID: grid.id, commandLineCaller, limit: 4)
        let residents = try await store.residents(householdID: households[1].id, officer) + store.residents(householdID: households[2].id, officer)
        _ = try await store.recordVisit(VisitInput(clientID: "demo-dispute-visit", householdID: households[3].id, visitedAt: store.now().addingTimeInterval(-7200),
                                                   method: VisitMethod.inPerson.rawValue, categories: [VisitCategory.routine.rawValue],
                                                   findings: [FindingInput(kind: FindingKind.dispute.rawValue, description: "与对门邻居因楼道堆放杂物多次争吵，双方情绪激动")]),
                                        officer)
        let high = try await store.createDispute(DisputeInput(typeCode: "housing", summary: "两户因宅基地界线争执，一方扬言动手，需尽快调解", gridID: grid.id, risk: DisputeRisk.high.rawValue,
                                                              source: DisputeSource.walkIn.rawValue,
                                                              parties: [PartyInput(residentID: residents[0].id, side: PartySide.applicant.rawValue),
                                                                        PartyInput(residentID: residents.last!.id, side: PartySide.respondent.rawValue)]), officer)
        _ = try await store.recordMediation(disputeID: high.dispute.id, SessionInput(heldAt: store.now(), place: "村委会调解室",
                                                                                    mediators: [MediatorInput(role: MediatorRole.peopleMediator.rawValue, name: "周德明"),
                                                                                                MediatorInput(role: MediatorRole.committee.rawValue, name: "村主任孙海")],
                                                                                    attendedPartyIDs: high.parties.map(\.id), agreed: "双方同意先停止施工，等待土地所测量",
                                                                                    nextStep: "三日内请土地所现场测量界线", outcome: MediationOutcome.ongoing.rawValue), officer)
        let resolved = try await store.createDispute(DisputeInput(typeCode: "consumer", summary: "商户与顾客因退货发生争执", gridID: grid.id, risk: DisputeRisk.low.rawValue,
                                                                  source: DisputeSource.hotline.rawValue,
                                                                  parties: [PartyInput(name: "顾客陈某", phone: "13611112222", side: PartySide.applicant.rawValue),
                                                                            PartyInput(name: "便民超市店主", side: PartySide.respondent.rawValue)]), officer)
        _ = try await store.recordMediation(disputeID: resolved.dispute.id, SessionInput(heldAt: store.now(), place: "社区警务室", mediators: [], attendedPartyIDs: resolved.parties.map(\.id),
                                                                                        outcome: MediationOutcome.resolved.rawValue, agreementForm: AgreementForm.written.rawValue,
                                                                                        agreementText: "店主退还货款，顾客撤回投诉"), officer)
        let referred = try await store.createDispute(DisputeInput(typeCode: "labour", summary: "工地拖欠两名工人工资", gridID: grid.id, risk: DisputeRisk.medium.rawValue,
                                                                  source: DisputeSource.hotline.rawValue,
                                                                  parties: [PartyInput(name: "务工人员刘某", phone: "13722223333", side: PartySide.applicant.rawValue)]), officer)
        _ = try await store.recordMediation(disputeID: referred.dispute.id, SessionInput(heldAt: store.now(), place: "社区警务室", mediators: [], attendedPartyIDs: [],
                                                                                        outcome: MediationOutcome.referred.rawValue, referredTo: "镇劳动保障所"), officer)
        // Two clues: one still being checked, one that led to a case solved.
        _ = try await store.createClue(ClueInput(gridID: grid.id, source: ClueSource.walkIn.rawValue, summary: "有陌生人连续几晚在小区车棚附近徘徊，疑似踩点"), officer)
        let solved = try await store.createClue(ClueInput(gridID: grid.id, source: ClueSource.patrol.rawValue, summary: "废品站夜间收购电瓶，来路不明"), officer)
        _ = try await store.setClueOutcome(id: solved.id, outcome: ClueOutcome.solved.rawValue, caseNumber: "A2026-118", officer)
        // The grid's station (grid → community → station) handles the cases.
        let day = ChinaTime.day(store.now().addingTimeInterval(-86400)), community = try await store.unit(id: grid.parentID!, commandLineCaller)
        let stationCode = try await store.unit(id: community.parentID!, commandLineCaller).code
        _ = try await store.importCases(csv: """
            \(CaseImport.columns.joined(separator: ","))
            \(stationCode)-2026-0417,盗窃,\(day) 02:30,\(households[0].address),\(grid.code),\(stationCode),陈秀兰,110105195803150025,13611223344,\(households[0].address)
            \(stationCode)-2026-0417,盗窃,\(day) 02:30,\(households[0].address),\(grid.code),\(stationCode),陈建国,110105195501200015,,\(households[0].address)
            \(stationCode)-2026-0421,诈骗,\(day) 15:00,\(households[1].address),\(grid.code),\(stationCode),赵丽,110105199004120020,13788990011,\(households[1].address)
            \(stationCode)-2026-0425,家暴,\(day) 21:40,\(households[2].address),\(grid.code),\(stationCode),孙某,110105198709090023,,\(households[2].address)
            """, commandLineCaller)
        if let first = try await store.victims(VictimFilter(show: .all), officer).first(where: { $0.name == "赵丽" }) {
            _ = try await store.recordVictimVisit(id: first.id, VictimVisitInput(method: "in_person", satisfaction: "satisfied",
                                                                                advice: "讲解冒充客服退款诈骗手法，提醒不向陌生账户转账"), officer)
        }
        let auxiliary = try await store.credentials(username: "fujing")!.account.id
        let joint = try await store.startPatrol(PatrolStart(gridIDs: [grid.id], mode: PatrolMode.foot.rawValue, companionIDs: [auxiliary], residents: 6,
                                                            residentNames: "红袖标治安志愿者"), officer)
        _ = try await store.addHelp(.patrol(joint.id), HelpInput(kind: HelpKind.personFound.rawValue, detail: "在公园找回走失的老人，送回家中", count: 1), officer)
        _ = try await store.addHelp(.patrol(joint.id), HelpInput(kind: HelpKind.money.rawValue, detail: "协助追回被骗现金", amount: "2500"), officer)
        _ = try await store.endPatrol(id: joint.id, endedAt: nil, note: "夜间巡查小区车棚、菜市场周边", officer)
        let car = try await store.startPatrol(PatrolStart(gridIDs: [grid.id], mode: PatrolMode.car.rawValue), officer)
        _ = try await store.addPatrolFinding(patrolID: joint.id, FindingInput(kind: FindingKind.hazard.rawValue, description: "河边护栏缺失一段，夜间无照明"), officer)
        _ = try await store.addHelp(.patrol(car.id), HelpInput(kind: HelpKind.property.rawValue, detail: "追回被盗电瓶车", count: 1, item: "电动车"), officer)
        _ = try await store.endPatrol(id: car.id, endedAt: nil, note: "学校上下学时段护学", officer)
        // Through the phone's queue: a patrol on the hillside with no signal, sent the next day
        // (the dashboard's 隔日上传).
        let hillside = store.now().addingTimeInterval(-30 * 3600)
        _ = try await store.queuedPatrolStart(QueuedPatrolStart(clientID: "demo-queued-patrol-start", startedAt: hillside,
                                                                patrol: PatrolStart(gridIDs: [grid.id], mode: PatrolMode.ebike.rawValue)), officer)
        _ = try await store.queuedPatrolEnd(QueuedPatrolEnd(clientID: "demo-queued-patrol-end", startClientID: "demo-queued-patrol-start",
                                                            endedAt: hillside.addingTimeInterval(5400), note: "山脚自然村一带无信号，离线记录后次日上传"), officer)
        let today = ChinaTime.day(store.now())
        _ = try await store.createPublicity(PublicityInput(kind: PublicityKind.event.rawValue, topic: PublicityTopic.antiFraud.rawValue, heldOn: today, unitID: grid.id,
                                                           summary: "反诈宣传进菜市场，现场讲解冒充客服、刷单返利骗局", place: "建设路菜市场", audience: 120, leaflets: 500, officers: 2), officer)
        _ = try await store.createPublicity(PublicityInput(kind: PublicityKind.online.rawValue, topic: PublicityTopic.antiFraud.rawValue, heldOn: today, unitID: grid.id,
                                                           summary: "专题防骗系列短视频", channel: PublicityChannel.douyin.rawValue, posts: 3, views: 12800), officer)
    }
}
