import Domain
import Foundation
import Persistence
import Vapor

/// 社区警务室坐班: the officer's check-in card, the station's weekly compliance and the plans.
/// The leader edits the plans (seed 002: four half-days a week, the evening 17:00–21:00 on those
/// days); the plan is also what residents can book.
struct OfficeHoursWebController {
    struct PlanForm: Content { var station: String?; var officerID: String?; var blocks: [String]?; var capacity: String? }

    func page(_ req: Request) async throws -> HTMLPage { try await page(req, errors: [], failed: nil) }

    private func page(_ req: Request, errors: [FieldError], failed: PlanForm?, status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        let now = req.application.settings.now()
        let station = try failed?.station.flatMap { Int64($0) } ?? req.queryID("station", .unknownUnit)
        let week = try Self.week(req, now: now)
        let (s, plans) = try await req.store.officePlans(stationID: station, caller)
        let rule = try await req.store.officeHoursRule()
        let compliance = try await req.store.officeCompliance(plans: plans, monday: week, rule: rule)
        var card: OfficeHoursPages.Card?
        if caller.role.mayAnswerForGrid, let me = caller.userID {
            card = OfficeHoursPages.Card(open: try await req.store.openSession(me), recent: try await req.store.officeSessions(userID: me, from: now.addingTimeInterval(-7 * 86400)),
                                         now: now)
        }
        let offices = try await req.store.officeBoards(stationID: s.id, caller)
        return OfficeHoursPages.page(req.pageContext, station: s, stations: try await req.store.dutyStations(caller), week: week, compliance: compliance, plans: plans,
                                     rule: rule, offices: offices, card: card, errors: errors, failed: failed, status: status)
    }

    /// `week`: any day of it (its Monday is used); this week when left out.
    static func week(_ req: Request, now: Date) throws -> String {
        guard let raw = req.query[String.self, at: "week"] else { return OfficeHours.monday(of: ChinaTime.day(now))! }
        guard let monday = OfficeHours.monday(of: raw) else { throw ValidationFailure(field: "week", .invalidDate) }
        return monday
    }

    func savePlan(_ req: Request) async throws -> Response {
        let form = try req.content.decode(PlanForm.self)
        let station = form.station.flatMap { Int64($0) }
        let input = OfficePlanInput(officerID: form.officerID.flatMap { Int64($0) } ?? 0, blocks: form.blocks ?? [], capacity: form.capacity.flatMap { Int($0) } ?? 0)
        return try await acting(req, failed: form) {
            _ = try await req.store.setOfficePlan(stationID: station, input, try req.caller())
            return Site.officeHours(station.map { "station=\($0)" }).path
        }
    }

    struct CheckInForm: Content { var latitude: String?; var longitude: String? }

    func checkIn(_ req: Request) async throws -> Response {
        let form = try req.content.decode(CheckInForm.self)
        return try await acting(req) {
            func coordinate(_ raw: String?, _ field: String) throws -> Double? {
                guard let raw = raw?.trimmed, !raw.isEmpty else { return nil }
                guard let v = Double(raw), v.isFinite else { throw ValidationFailure(field: field, .invalidChoice) }
                return v
            }
            _ = try await req.store.checkIn(latitude: try coordinate(form.latitude, "latitude"), longitude: try coordinate(form.longitude, "longitude"), try req.caller())
            return Site.officeHours(nil).path
        }
    }

    struct CheckOutForm: Content { var checkOut: String? }

    func checkOut(_ req: Request) async throws -> Response {
        let form = try req.content.decode(CheckOutForm.self)
        return try await acting(req) {
            var at: Date?
            if let raw = form.checkOut?.trimmed, !raw.isEmpty {
                guard let d = ChinaTime.parseFormInput(raw) else { throw ValidationFailure(field: "checkOut", .invalidDate) }
                at = d
            }
            _ = try await req.store.checkOut(at: at, try req.caller())
            return Site.officeHours(nil).path
        }
    }

    struct DayOffForm: Content { var station: String?; var officerID: String?; var day: String?; var reason: String?; var off: String? }

    func saveDayOff(_ req: Request) async throws -> Response {
        let form = try req.content.decode(DayOffForm.self)
        let station = form.station.flatMap { Int64($0) }
        return try await acting(req) {
            _ = try await req.store.setDayOff(stationID: station, DayOffInput(officerID: form.officerID.flatMap { Int64($0) } ?? 0, day: form.day ?? "",
                                                                              reason: form.reason ?? "", off: form.off != "0"), try req.caller())
            return Site.officeHours(station.map { "station=\($0)" }).path
        }
    }

    struct OfficeForm: Content { var phone: String?; var published: String? }

    func saveOffice(_ req: Request) async throws -> Response {
        let form = try req.content.decode(OfficeForm.self), id = try req.id()
        return try await acting(req) {
            _ = try await req.store.savePoliceOffice(placeID: id, phone: form.phone ?? "", published: form.published == "1", try req.caller())
            return Site.officeHours(nil).path
        }
    }

    func publicBoard(_ req: Request) async throws -> HTMLPage {
        OfficeBoardPages.publicPage(req.pageContext, try await req.store.publicOfficeBoard(placeID: try req.id()))
    }

    /// Runs a step; to where it leads, or the page again with the field errors.
    private func acting(_ req: Request, failed: PlanForm? = nil, _ step: () async throws -> String) async throws -> Response {
        do {
            return req.redirect(to: try await step())
        } catch let v as ValidationFailure {
            return try await page(req, errors: v.errors, failed: failed, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }
}
