--@include test_helper
--@include test_helper
return 1
