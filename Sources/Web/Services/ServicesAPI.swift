import Domain
import Persistence
import Vapor

extension ServiceKind: Content {}
extension AppointmentView: Content {}
extension SlotView: Content {}
extension OfficePlanView: Content {}
extension OfficeSessionView: Content {}
extension OfficeBoard: Content {}
extension ConsultationView: Content {}
extension ServicePointView: Content {}
extension OfficeHoursRule: Content {}

/// 为民服务 in the JSON API: the kinds with their checklists, slots, appointments and their
/// steps, the office plans — through the same store calls as the pages.
struct ServicesAPI {
    func kinds(_ req: Request) async throws -> [ServiceKind] {
        _ = try req.caller()
        return try await req.store.serviceKinds()
    }

    struct KindBody: Content { var name: String; var materials: [String]; var counters: [String]; var atHome: Bool; var active: Bool }

    func saveKind(_ req: Request) async throws -> ServiceKind {
        let body = try req.decodeJSON(KindBody.self)
        let kind = try ServiceKind.validate(code: req.parameters.get("code") ?? "", name: body.name, materials: body.materials.joined(separator: "\n"),
                                            counters: body.counters, atHome: body.atHome, active: body.active).get()
        try await req.store.saveServiceKind(kind, try req.caller())
        return kind
    }

    /// `household` (the caller's own for a resident) and optionally `officer`.
    func slots(_ req: Request) async throws -> [SlotView] {
        let caller = try req.caller()
        var household = try req.queryID("household", .unknownHousehold)
        if household == nil, case .household(let id) = caller.jurisdiction { household = id }
        guard let household else { throw ValidationFailure(field: "household", .required) }
        return try await req.store.bookableSlots(householdID: household, officerID: try req.queryID("officer", .unknownOfficer), caller)
    }

    func list(_ req: Request) async throws -> [AppointmentView] {
        try await req.store.appointments(try AppointmentWebController.filter(req), try req.caller(), limit: 10_000)
    }

    func book(_ req: Request) async throws -> Response {
        try await req.store.bookAppointment(try req.decodeJSON(AppointmentInput.self), try req.caller()).encodeResponse(status: .created, for: req)
    }

    func show(_ req: Request) async throws -> AppointmentView { try await req.store.appointment(id: try req.id(), try req.caller()) }

    struct ChangeBody: Content { var reason: String?; var day: String?; var block: String? }

    func change(_ req: Request, _ change: AppointmentChange) async throws -> AppointmentView {
        let body = try req.decodeJSON(ChangeBody.self)
        return try await req.store.changeAppointment(id: try req.id(), change, reason: body.reason, day: body.day, block: body.block, try req.caller())
    }

    struct DoneBody: Content { var counts: [String: Int]?; var note: String? }

    func done(_ req: Request) async throws -> AppointmentView {
        let body = try req.decodeJSON(DoneBody.self)
        return try await req.store.completeAppointment(id: try req.id(), counts: body.counts ?? [:], note: body.note ?? "", try req.caller())
    }

    struct RatingBody: Content { var rating: String }

    func rate(_ req: Request) async throws -> AppointmentView {
        try await req.store.rateAppointment(id: try req.id(), rating: try req.decodeJSON(RatingBody.self).rating, try req.caller())
    }

    func plans(_ req: Request) async throws -> [OfficePlanView] {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw Forbidden() }
        return try await req.store.officePlans(stationID: try req.queryID("station", .unknownUnit), caller).plans
    }

    struct PlanBody: Content { var station: Int64?; var plan: OfficePlanInput }

    func savePlan(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(PlanBody.self)
        return try await req.store.setOfficePlan(stationID: body.station, body.plan, try req.caller()).encodeResponse(status: .created, for: req)
    }

    struct CheckInBody: Content { var latitude: Double?; var longitude: Double? }

    func checkIn(_ req: Request) async throws -> Response {
        let body = try req.decodeJSON(CheckInBody.self)
        return try await req.store.checkIn(latitude: body.latitude, longitude: body.longitude, try req.caller()).encodeResponse(status: .created, for: req)
    }

    struct CheckOutBody: Content { var checkOut: Date? }

    func checkOut(_ req: Request) async throws -> OfficeSessionView {
        try await req.store.checkOut(at: try req.decodeJSON(CheckOutBody.self).checkOut, try req.caller())
    }

    /// One officer's week as the compliance table shows it.
    struct Compliance: Content {
        struct Gap: Content { var day: String; var block: OfficeBlock }
        var officerID: Int64, officerName: String
        var halfDaysPlanned: Int, halfDaysKept: Int, eveningsPlanned: Int, eveningsKept: Int, forgottenCheckOuts: Int
        var gaps: [Gap]
    }

    func compliance(_ req: Request) async throws -> [Compliance] {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw Forbidden() }
        let week = try OfficeHoursWebController.week(req, now: req.application.settings.now())
        return try await req.store.officeCompliance(stationID: try req.queryID("station", .unknownUnit), monday: week, caller).map { r in
            let w = r.week
            return Compliance(officerID: r.officerID, officerName: r.officerName, halfDaysPlanned: w.halfDaysPlanned, halfDaysKept: w.halfDaysKept,
                              eveningsPlanned: w.eveningsPlanned, eveningsKept: w.eveningsKept, forgottenCheckOuts: w.forgottenCheckOuts,
                              gaps: w.gaps.map { Compliance.Gap(day: $0.day, block: $0.block) })
        }
    }

    func offices(_ req: Request) async throws -> [OfficeBoard] { try await req.store.officeBoards(try req.caller()) }

    struct OfficeBody: Content { var phone: String; var published: Bool }

    func saveOffice(_ req: Request) async throws -> OfficeBoard {
        let body = try req.decodeJSON(OfficeBody.self)
        return try await req.store.savePoliceOffice(placeID: try req.id(), phone: body.phone, published: body.published, try req.caller())
    }

    func consultations(_ req: Request) async throws -> [ConsultationView] {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw Forbidden() }
        return try await req.store.consultations(try ConsultationWebController.filter(req), caller, limit: 10_000)
    }

    func recordConsultation(_ req: Request) async throws -> Response {
        try await req.store.recordConsultation(try req.decodeJSON(ConsultationInput.self), try req.caller()).encodeResponse(status: .created, for: req)
    }

    /// `unit`, and `from`/`to` (else this month).
    func servicePoints(_ req: Request) async throws -> [ServicePointView] {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw Forbidden() }
        return try await req.store.servicePoints(unitID: try req.listQuery(default: ListShow.all).unitID, period: try req.period(), caller)
    }

    func logService(_ req: Request) async throws -> HTTPStatus {
        try await req.store.logServicePointService(try req.decodeJSON(ServicePointLogInput.self), try req.caller())
        return .created
    }

    func rule(_ req: Request) async throws -> OfficeHoursRule {
        _ = try req.caller()
        return try await req.store.officeHoursRule()
    }

    struct RuleBody: Content { var minimumHalfDays: Int; var keptPercent: Int }

    func saveRule(_ req: Request) async throws -> OfficeHoursRule {
        let body = try req.decodeJSON(RuleBody.self)
        let rule = try OfficeHoursRule.validate(minimumHalfDays: String(body.minimumHalfDays), keptPercent: String(body.keptPercent)).get()
        try await req.store.setOfficeHoursRule(rule, try req.caller())
        return rule
    }

    struct DayOffBody: Content { var station: Int64?; var dayOff: DayOffInput }

    func saveDayOff(_ req: Request) async throws -> OfficePlanView {
        let body = try req.decodeJSON(DayOffBody.self)
        return try await req.store.setDayOff(stationID: body.station, body.dayOff, try req.caller())
    }
}
