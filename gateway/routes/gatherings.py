"""Routes to matching's workshops, courses, talks and exchange meetings. Who organises, who holds
a place and who sees the online link is decided by the service."""
from services.matching.contract.gathering_requests import (CalendarFeedTokenRequest, CancelGatheringRequest,
                                                           CreateGatheringRequest, GatheringIdRequest,
                                                           UpdateGatheringRequest,
                                                           ListGatheringsRequest, MyCalendarRequest,
                                                           RecordAttendanceRequest, RecordOutcomeRequest,
                                                           SignUpIdRequest, SignUpRequest)
from services.matching.contract.gathering_responses import (CalendarFeedSchema, GatheringPageSchema, GatheringSchema, SignUpListSchema,
                                                            SignUpSchema)
from services.reports.contract.participation_requests import GatheringParticipationRequest
from services.reports.contract.participation_responses import GatheringParticipationSchema

from gateway.routes.route import EVERYONE, Route

TAG = "gatherings"
ORGANISERS = ("organisation", "operator")
PARTICIPANTS = ("citizen", "organisation")
SIGN_UP_PARTIES = ("citizen", "organisation", "operator")

ROUTES = (
    Route("createGathering", "POST", "/api/v1/gatherings",
          "講座・ワークショップ・交流会を作成（会場は先に /bookings で予約） / Create a workshop, course, talk or "
          "exchange meeting (book the room first through /bookings)", TAG, ORGANISERS,
          ("matching", "create_gathering"), request=CreateGatheringRequest, response=GatheringSchema, status=201),
    Route("listGatherings", "GET", "/api/v1/gatherings", "催しの一覧 / List gatherings", TAG, EVERYONE,
          ("matching", "list_gatherings"), request=ListGatheringsRequest, response=GatheringPageSchema),
    Route("getGathering", "GET", "/api/v1/gatherings/<gathering_id>", "催しの詳細 / Get a gathering", TAG,
          EVERYONE, ("matching", "get_gathering"), request=GatheringIdRequest, response=GatheringSchema),
    Route("updateGathering", "PATCH", "/api/v1/gatherings/<gathering_id>",
          "催しを変更（件名・説明・定員・受付期間、開始前のみ） / Update a gathering before it starts: title, "
          "description, capacity (never below seats taken), sign-up window", TAG, ORGANISERS,
          ("matching", "update_gathering"), request=UpdateGatheringRequest, response=GatheringSchema),
    Route("cancelGathering", "POST", "/api/v1/gatherings/<gathering_id>/cancel",
          "催しを中止（申込者に理由を通知） / Cancel a gathering: every sign-up ends and its holder is told why",
          TAG, ORGANISERS, ("matching", "cancel_gathering"), request=CancelGatheringRequest,
          response=GatheringSchema),
    Route("gatheringCalendar", "GET", "/api/v1/gatherings/<gathering_id>/calendar.ics",
          "催しの iCalendar / A gathering as iCalendar (RFC 5545)", TAG, (), ("matching", "gathering_calendar"),
          request=GatheringIdRequest, public=True, produces="text/calendar"),
    Route("myCalendar", "GET", "/api/v1/me/gatherings.ics",
          "申し込んだ催しの iCalendar / The caller's own gatherings as iCalendar", TAG, PARTICIPANTS,
          ("matching", "my_calendar"), request=MyCalendarRequest, produces="text/calendar"),
    Route("getCalendarFeed", "GET", "/api/v1/me/calendar-feed",
          "カレンダーアプリで購読するURL（鍵不要・再発行で無効化） / The URL a calendar app subscribes to "
          "(no key needed; rotate it to revoke)", TAG, PARTICIPANTS, ("matching", "calendar_feed"),
          request=MyCalendarRequest, response=CalendarFeedSchema),
    Route("rotateCalendarFeed", "POST", "/api/v1/me/calendar-feed/rotate",
          "購読URLを再発行（古いURLは使えなくなる） / Rotate the calendar feed URL: the old one stops working", TAG,
          PARTICIPANTS, ("matching", "rotate_calendar_feed"), request=MyCalendarRequest,
          response=CalendarFeedSchema),
    Route("calendarFeed", "GET", "/api/v1/calendar-feeds/<token>.ics",
          "購読用 iCalendar（URLの署名で本人を確認） / A participant's gatherings as a subscribable iCalendar "
          "feed, authorised by the signed URL", TAG, (), ("matching", "calendar_feed_file"),
          request=CalendarFeedTokenRequest, public=True, produces="text/calendar"),
    Route("signUp", "POST", "/api/v1/gatherings/<gathering_id>/sign-ups",
          "申し込む（満席ならキャンセル待ち） / Sign up (waitlisted when full)", TAG, PARTICIPANTS,
          ("matching", "sign_up"), request=SignUpRequest, response=SignUpSchema, status=201),
    Route("listSignUps", "GET", "/api/v1/gatherings/<gathering_id>/sign-ups",
          "申込の一覧（主催者） / Sign-ups, for the organiser", TAG, ORGANISERS, ("matching", "list_sign_ups"),
          request=GatheringIdRequest, response=SignUpListSchema),
    Route("cancelSignUp", "POST", "/api/v1/sign-ups/<sign_up_id>/cancel",
          "申込を取り消す（次の方に繰り上げ） / Cancel a sign-up (the next in line is offered the place)", TAG,
          SIGN_UP_PARTIES, ("matching", "cancel_sign_up"), request=SignUpIdRequest, response=SignUpSchema),
    Route("confirmPlace", "POST", "/api/v1/sign-ups/<sign_up_id>/confirm",
          "繰り上がった席を確定 / Confirm a place offered from the waitlist", TAG, SIGN_UP_PARTIES,
          ("matching", "confirm_place"), request=SignUpIdRequest, response=SignUpSchema),
    Route("recordAttendance", "POST", "/api/v1/gatherings/<gathering_id>/attendance",
          "出欠を記録 / Record attendance", TAG, ORGANISERS, ("matching", "record_attendance"),
          request=RecordAttendanceRequest, response=GatheringSchema),
    Route("recordOutcome", "POST", "/api/v1/gatherings/<gathering_id>/outcome",
          "記録（議事録・出たアイデア・次の行動） / Record the outcome: minutes, ideas, follow-ups", TAG,
          ORGANISERS, ("matching", "record_outcome"), request=RecordOutcomeRequest, response=GatheringSchema),
    Route("getGatheringParticipation", "GET", "/api/v1/reports/gatherings",
          "催しの参加集計（若者・初参加、地域別・年度別） / Participation in gatherings: young people and "
          "first-timers per gathering and region, for a fiscal year", "reports", ("operator",),
          ("reports", "get_gathering_participation"), request=GatheringParticipationRequest,
          response=GatheringParticipationSchema),
)
